#pragma once

#include <QTranslator>

namespace pdnsw {

// The workbench's texts are English in the source, with counts written tr("%n edge(s)", nullptr, n). Without a
// translation Qt shows "1 edge(s)"; this translator gives English its two forms ("1 edge", "3 edges") without a
// .qm file. Texts with no count, or no "(s)", are left to Qt.
class EnglishPlurals : public QTranslator
{
public:
    using QTranslator::QTranslator;

    QString translate(
        const char* context, const char* sourceText, const char* disambiguation = nullptr, int n = -1) const override;
    bool isEmpty() const override { return false; }
};

} // namespace pdnsw
