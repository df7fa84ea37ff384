#pragma once

#include "capture/logs/LogReader.h"
#include "capture/logs/PassiveDnsLayout.h"

#include <optional>

namespace pdnsw {

// gamelinux passivedns text log. Without a layout, the two layouts passivedns writes by default, fields
// separated by "||":
//   since 1.0: timestamp||client||server||class||query||type||answer||ttl||count   (timestamp "1322849924.408856")
//   before 1.0: timestamp||client||server||class||query||type||answer||ttl         (timestamp "1322849924")
// With a layout (the sensor ran with -f and/or -d), exactly its columns, separated by its delimiter.
// An answer that itself contains the delimiter (TXT text) is rejoined: the other fields are taken from both ends.
// Lines starting with '#' (the README's column header) are comments.
class PassiveDnsReader : public LogReader
{
public:
    explicit PassiveDnsReader(std::optional<PassiveDnsLayout> layout = std::nullopt)
        : m_layout(std::move(layout))
        , m_givenColumns(m_layout && !m_layout->isDefault())
    {
    }
    LogFormat format() const override { return LogFormat::PassiveDns; }
    LineOutcome readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink) override;

private:
    LineOutcome readDefaultLayout(const QString& text, qint64 lineNumber, ObservationSink& sink);
    LineOutcome readGivenLayout(const QString& text, qint64 lineNumber, ObservationSink& sink);

    std::optional<PassiveDnsLayout> m_layout;
    bool m_givenColumns; // decided once: isDefault() builds the letters, too dear for every line
};

} // namespace pdnsw
