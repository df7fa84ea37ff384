#pragma once

#include <QString>

namespace pdnsw::cli {

// One line on standard error that a long step rewrites in place ('\r') and blanks when it is done, so a terminal
// shows how far it is without scrolling: the import, the export, the check of a big case, the wait for a long
// listing. Keep the text to one terminal line: '\r' cannot go back over a wrapped one.
class StatusLine
{
public:
    StatusLine() = default;
    ~StatusLine() { clear(); }
    StatusLine(const StatusLine&) = delete;
    StatusLine& operator=(const StatusLine&) = delete;

    // Writes the text over the line shown, padded over a longer earlier one; the same text again writes nothing.
    void show(const QString& text);
    // Blanks the line, if one is shown.
    void clear();

private:
    QString m_text;
    qsizetype m_width = 0; // the widest text shown since the last clear
};

} // namespace pdnsw::cli
