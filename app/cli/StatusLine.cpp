#include "cli/StatusLine.h"

#include "cli/CliSupport.h"

#include <algorithm>

namespace pdnsw::cli {

void StatusLine::show(const QString& text)
{
    if (text == m_text)
        return;
    err() << '\r' << text.leftJustified(m_width) << Qt::flush;
    m_text = text;
    m_width = std::max(m_width, text.size());
}

void StatusLine::clear()
{
    if (m_width > 0)
        err() << '\r' << QString(m_width, u' ') << '\r' << Qt::flush;
    m_text.clear();
    m_width = 0;
}

} // namespace pdnsw::cli
