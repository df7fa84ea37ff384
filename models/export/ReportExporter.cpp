#include "models/export/ReportExporter.h"

#include "models/DomainName.h"
#include "models/export/ExportText.h"
#include "models/export/TimelinePicture.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMap>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextDocument>
#include <QUrl>

namespace pdnsw {

namespace {

const QString kPictureResource = QStringLiteral("pdnsw-timeline.png");

QString h(const QString& text)
{
    return htmlText(text);
}

// Escaped line by line, joined with separator (a line break of the input never becomes markup by accident).
QString multiline(const QString& text, const QString& separator)
{
    QStringList lines = text.split(u'\n');
    for (QString& line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        // Tabs separate hosts-file fields: keep them as white space, escape the rest.
        QStringList fields = line.split(u'\t');
        for (QString& field : fields)
            field = h(field);
        line = fields.join(QStringLiteral("    "));
    }
    return lines.join(separator);
}

// A time that never breaks inside: a wrapped "2018-01-05T08:1 / 2:00Z" is misread.
QString timeCell(const std::optional<qint64>& t)
{
    return t ? QStringLiteral("<span class=\"t\">%1</span>").arg(h(exportIsoTime(*t))) : QString();
}

QString row(const QStringList& cells, bool header = false)
{
    const QString tag = header ? QStringLiteral("th") : QStringLiteral("td");
    QString out = QStringLiteral("<tr>");
    for (const QString& c : cells)
        out += QStringLiteral("<%1>%2</%1>").arg(tag, c); // cells are escaped by the caller
    return out + QStringLiteral("</tr>\n");
}

// `attributes`: more of the table tag's attributes, from this file only (never case text).
QString table(const QStringList& headers, const QList<QStringList>& rows, const char* attributes = "")
{
    QString out
        = QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\"%1>\n").arg(QLatin1String(attributes));
    QStringList escapedHeaders;
    for (const QString& header : headers)
        escapedHeaders.append(h(header));
    out += row(escapedHeaders, true);
    for (const QStringList& r : rows)
        out += row(r);
    return out + QStringLiteral("</table>\n");
}

QString sizeText(qint64 size)
{
    if (size < 0)
        return QStringLiteral("-");
    QLocale locale = QLocale::c();
    locale.setNumberOptions(QLocale::DefaultNumberOptions); // C omits the thousands separator by default
    return locale.toString(size) + QStringLiteral(" bytes");
}

// Provider parameters never hold a key by contract; redact anything that looks like one all the same.
QString redactedParameters(const QString& parameters)
{
    const QJsonDocument doc = QJsonDocument::fromJson(parameters.toUtf8());
    if (!doc.isObject())
        return parameters;
    static const QRegularExpression secret(
        QStringLiteral("key|token|secret|pass|auth"), QRegularExpression::CaseInsensitiveOption);
    QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (secret.match(it.key()).hasMatch())
            it.value() = QStringLiteral("[redacted]");
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

QString ReportExporter::html(const QString& imageSource, const QString& pictureNote) const
{
    const ExportContext& c = *m_context;
    QString out;
    out += QStringLiteral(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>PDNS Workbench report: %1</title>\n")
               .arg(h(c.caseTitle));
    out += QStringLiteral("<style>body{font-family:'DejaVu Sans',sans-serif;font-size:9pt} h1{font-size:16pt} "
                          "h2{font-size:13pt;margin-top:14pt} h3{font-size:10pt} table{border-collapse:collapse} "
                          "th{background:#e8e8e8} .mono{font-family:'DejaVu Sans Mono',monospace;font-size:7pt} "
                          ".neg{color:#a00000} .t{white-space:nowrap} table.records{font-size:8pt} "
                          "pre{font-family:'DejaVu Sans Mono',monospace;font-size:7pt}</style>\n"
                          "</head><body>\n");
    out += QStringLiteral("<h1>Passive DNS evidence: %1</h1>\n").arg(h(c.caseTitle));

    // Summary.
    QStringList names;
    for (const SourcedObservation& r : m_records) {
        if (!names.contains(r.observation.rrname))
            names.append(r.observation.rrname);
    }
    QString filter;
    if (!c.filter.names.isEmpty())
        filter += QStringLiteral("names: ") + c.filter.names.join(QStringLiteral(", ")) + QStringLiteral("; ");
    if (c.filter.since)
        filter += QStringLiteral("since ") + exportIsoTime(*c.filter.since) + QStringLiteral("; ");
    if (c.filter.until)
        filter += QStringLiteral("until ") + exportIsoTime(*c.filter.until) + QStringLiteral("; ");
    if (!c.filter.sourceIds.isEmpty()) {
        QStringList ids;
        for (qint64 id : c.filter.sourceIds)
            ids.append(QString::number(id));
        filter += QStringLiteral("sources ") + ids.join(QStringLiteral(", ")) + QStringLiteral("; ");
    }
    out += QStringLiteral("<h2>Case summary</h2>\n");
    out += table({QStringLiteral("Item"), QStringLiteral("Value")},
        {
            {QStringLiteral("Case"), h(c.caseTitle)},
            {QStringLiteral("Case id"), h(c.caseId)},
            {QStringLiteral("Exported"), h(exportIsoTime(c.exportTime))},
            {QStringLiteral("Tool"), h(QStringLiteral("PDNS Workbench ") + c.toolVersion)},
            {QStringLiteral("Filter"), filter.isEmpty() ? QStringLiteral("none (the whole case)") : h(filter)},
            {QStringLiteral("Observations in this report"), QString::number(m_records.size())},
            {QStringLiteral("Names in this report"), QString::number(names.size())},
            {QStringLiteral("Case totals"),
                h(QStringLiteral("%1 observations, %2 names, %3 sources (%4 incomplete), %5 provider queries, "
                                 "%6 notes")
                        .arg(c.counts.observations)
                        .arg(c.counts.names ? QString::number(*c.counts.names) : QStringLiteral("(being counted)"))
                        .arg(c.counts.sources)
                        .arg(c.counts.incompleteSources)
                        .arg(c.counts.providerQueries)
                        .arg(c.counts.notes))},
        });

    // Picture.
    out += QStringLiteral("<h2>Timeline</h2>\n");
    if (!imageSource.isEmpty())
        out += QStringLiteral("<p><img src=\"%1\" width=\"680\" alt=\"timeline\"></p>\n")
                   .arg(imageSource.toHtmlEscaped());
    if (!pictureNote.isEmpty())
        out += QStringLiteral("<p>%1</p>\n").arg(h(pictureNote));

    // Per-name tables.
    out += QStringLiteral("<h2>Per-name timeline</h2>\n");
    QMap<QString, QList<const SourcedObservation*>> byName;
    for (const SourcedObservation& r : m_records)
        byName[r.observation.rrname].append(&r);
    int rowsWritten = 0;
    for (auto it = byName.cbegin(); it != byName.cend() && rowsWritten < kMaxTableRows; ++it) {
        const QString display = domainNameForDisplay(it.key());
        out += QStringLiteral("<h3>%1%2</h3>\n")
                   .arg(h(it.key()), display == it.key() ? QString() : QStringLiteral(" (%1)").arg(h(display)));
        QList<QStringList> rows;
        for (const SourcedObservation* r : it.value()) {
            if (rowsWritten++ >= kMaxTableRows)
                break;
            const Observation& o = r->observation;
            const bool negative = o.section == Section::Negative;
            const QString data
                = negative ? QStringLiteral("<span class=\"neg\">%1</span>").arg(h(o.rdata)) : h(o.rdata);
            rows.append({data, h(negative ? QStringLiteral("(%1)").arg(o.rrtype) : o.rrtype), h(r->sourceLabel),
                timeCell(o.firstSeen), timeCell(o.lastSeen), o.count ? QString::number(*o.count) : QString()});
        }
        out += table(
            {QStringLiteral("Data"), QStringLiteral("Type"), QStringLiteral("Source"),
                QStringLiteral("First seen (UTC)"), QStringLiteral("Last seen (UTC)"), QStringLiteral("Count")},
            rows, " class=\"records\" width=\"100%\"");
    }
    if (rowsWritten >= kMaxTableRows)
        out += QStringLiteral("<p>Tables stop after %1 rows; the CSV or JSON export has every record.</p>\n")
                   .arg(kMaxTableRows);

    // Sandbox override.
    out += QStringLiteral("<h2>Sandbox override (hosts)</h2>\n");
    if (c.hostsOverride.isEmpty())
        out += QStringLiteral("<p>No override was produced for this report.</p>\n");
    else
        out += QStringLiteral("<pre>%1</pre>\n").arg(multiline(c.hostsOverride, QStringLiteral("\n")));
    for (const QString& note : c.hostsNotes)
        out += QStringLiteral("<p>%1</p>\n").arg(h(note));

    // Sources.
    out += QStringLiteral("<h2>Sources</h2>\n");
    if (c.sources.size() < c.counts.sources)
        out += QStringLiteral("<p>%1 of the records in this report; the case has %2.</p>\n")
                   .arg(c.sources.size() == 1 ? QStringLiteral("The source")
                                              : QStringLiteral("The %1 sources").arg(c.sources.size()))
                   .arg(c.counts.sources);
    // One row of facts and one full-width row for the SHA-256, so the hash is never wrapped.
    out += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">\n");
    out += row({h(QStringLiteral("#")), h(QStringLiteral("Source")), h(QStringLiteral("Size")),
                   h(QStringLiteral("Imported (UTC)")), h(QStringLiteral("Time meaning"))},
        true);
    for (const SourceInfo& s : c.sources) {
        out += row(
            {QString::number(s.id), h(s.label) + QStringLiteral("<br>") + h(s.kind + QStringLiteral(", ") + s.state),
                h(sizeText(s.size)), h(exportIsoTime(s.importedAt).replace(u'T', u' ')),
                h(s.timeKind + QStringLiteral(" / ") + s.timeGranularity)});
        out += QStringLiteral("<tr><td></td><td colspan=\"4\">SHA-256 <span class=\"mono\">%1</span></td></tr>\n")
                   .arg(s.sha256.isEmpty() ? h(QStringLiteral("(none: not a file)")) : h(s.sha256));
    }
    out += QStringLiteral("</table>\n");

    // Provider query log.
    out += QStringLiteral("<h2>Provider query log</h2>\n");
    if (c.queries.isEmpty()) {
        out += QStringLiteral("<p>No provider was queried in this case.</p>\n");
    } else {
        QList<QStringList> queryRows;
        for (const ProviderQueryRecord& q : c.queries) {
            queryRows.append({timeCell(q.startedAt), h(q.provider), h(q.question),
                QStringLiteral("<span class=\"mono\">%1</span>").arg(h(redactedParameters(q.parameters))),
                q.httpStatus ? QString::number(*q.httpStatus) : QString(), QString::number(q.pages),
                QString::number(q.recordCount), h(q.error)});
        }
        out += table({QStringLiteral("Started (UTC)"), QStringLiteral("Provider"), QStringLiteral("Question"),
                         QStringLiteral("Parameters"), QStringLiteral("HTTP"), QStringLiteral("Pages"),
                         QStringLiteral("Records"), QStringLiteral("Error")},
            queryRows, " class=\"records\" width=\"100%\"");
    }

    // Notes.
    out += QStringLiteral("<h2>Notes</h2>\n");
    if (c.notes.isEmpty()) {
        out += QStringLiteral("<p>No notes.</p>\n");
    } else {
        QList<QStringList> noteRows;
        for (const Note& n : c.notes) {
            noteRows.append({h(n.subject.isEmpty() ? QStringLiteral("(case)") : n.subject),
                multiline(n.body, QStringLiteral("<br>")), h(exportIsoTime(n.createdAt))});
        }
        out += table({QStringLiteral("Subject"), QStringLiteral("Note"), QStringLiteral("Written (UTC)")}, noteRows);
    }
    out += QStringLiteral("<p>The SHA-256 of this report and of every input is in the manifest written beside "
                          "it.</p>\n</body></html>\n");
    return out;
}

bool ReportExporter::finish()
{
    const TimelinePicture picture = drawTimelinePicture(m_records);
    QString note;
    if (picture.image.isNull())
        note = QStringLiteral("Timeline picture left out: ") + picture.problem;
    else if (picture.rowsLeftOut > 0)
        note = QStringLiteral("The picture shows the first %1 rows; %2 more are in the tables below.")
                   .arg(picture.rowsDrawn)
                   .arg(picture.rowsLeftOut);

    if (m_output == Output::Html) {
        QString source;
        if (!picture.image.isNull()) {
            QByteArray png;
            QBuffer buffer(&png);
            buffer.open(QIODevice::WriteOnly);
            picture.image.save(&buffer, "PNG");
            source = QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
        }
        return write(html(source, note));
    }

    if (picture.image.isNull())
        return fail(
            QStringLiteral("the PDF report needs a graphical application object for fonts (%1)").arg(picture.problem));
    QPdfWriter writer(m_out);
    writer.setPageSize(QPageSize(QPageSize::A4));
    // QTextDocument::print lays an unpaginated document out with 2 cm margins of its own (and numbers the pages in
    // them): margins here would come on top and leave tables 14 cm wide.
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    writer.setTitle(QStringLiteral("PDNS Workbench report: ") + visibleText(m_context->caseTitle));
    writer.setCreator(QStringLiteral("PDNS Workbench ") + m_context->toolVersion);
    QTextDocument document;
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9);
    document.setDefaultFont(font);
    document.addResource(QTextDocument::ImageResource, QUrl(kPictureResource), picture.image);
    document.setHtml(html(kPictureResource, note));
    document.print(&writer);
    return true;
}

} // namespace pdnsw
