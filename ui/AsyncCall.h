#pragma once

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace pdnsw {

// Runs work() once on a short-lived thread and done(result) on the context's thread afterwards, dropped when the
// context is gone. For one-off blocking calls (opening or creating a case file, writing an export) that must not
// run on the GUI thread.
template <typename Result>
void runAsync(QObject* context, std::function<Result()> work, std::function<void(Result)> done)
{
    auto result = std::make_shared<Result>();
    QThread* thread = QThread::create([work = std::move(work), result] { *result = work(); });
    QPointer<QObject> guard(context);
    QObject::connect(thread, &QThread::finished, context, [guard, result, done = std::move(done)] {
        if (guard)
            done(std::move(*result));
    });
    // Whether or not the context is still there, the thread object cleans up after itself.
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace pdnsw
