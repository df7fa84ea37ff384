#include "models/export/CaseExport.h"

#include "models/CaseFile.h"
#include "models/Cidr.h"
#include "models/DomainName.h"
#include "models/NotesStore.h"
#include "models/ProviderQueryLog.h"
#include "models/export/ExportManifest.h"
#include "models/export/ExportText.h"
#include "models/export/Exporter.h"
#include "models/export/GraphExporters.h"
#include "models/export/JsonExporter.h"
#include "models/sandbox/CaseOverride.h"

#include <QDateTime>
#include <QSaveFile>
#include <QSet>

namespace pdnsw {

namespace {

constexpr qint64 kProgressEvery = 5000;

QJsonObject filterJson(const ExportFilter& filter)
{
    QJsonObject o;
    o.insert(QStringLiteral("names"), QJsonArray::fromStringList(filter.names));
    o.insert(QStringLiteral("since"), filter.since ? QJsonValue(exportIsoTime(*filter.since)) : QJsonValue());
    o.insert(QStringLiteral("until"), filter.until ? QJsonValue(exportIsoTime(*filter.until)) : QJsonValue());
    QJsonArray ids;
    for (qint64 id : filter.sourceIds)
        ids.append(id);
    o.insert(QStringLiteral("source_ids"), ids);
    return o;
}

QJsonArray providerQueriesJson(const ProviderQueryLog& log, const QList<ProviderQueryRecord>& queries)
{
    QJsonArray array;
    for (const ProviderQueryRecord& q : queries) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), q.id);
        o.insert(QStringLiteral("provider"), q.provider);
        o.insert(QStringLiteral("question"), q.question);
        o.insert(QStringLiteral("started_at"), exportIsoTime(q.startedAt));
        o.insert(QStringLiteral("records"), q.recordCount);
        QJsonArray answers;
        for (const ProviderAnswerPage& page : log.pages(q.id)) {
            QJsonObject a;
            a.insert(QStringLiteral("page"), page.page);
            a.insert(QStringLiteral("sha256"), page.sha256);
            answers.append(a);
        }
        o.insert(QStringLiteral("answers"), answers);
        array.append(o);
    }
    return array;
}

// The report's sandbox override: the asked names, or the names that went away (NXDOMAIN).
void addReportOverride(const CaseReader& reader, const CaseExportRequest& request, ExportContext& context)
{
    QStringList names = request.filter.names;
    names.removeIf([](const QString& n) { return isAddressOrNetwork(n); }); // a hosts line pins names
    if (request.filter.names.isEmpty()) {
        // A NODATA for one type (google.com's LOC in an old capture) is not a name that went away.
        names = reader.namesThatWentNxdomain();
        if (names.isEmpty())
            context.hostsNotes.append(QStringLiteral("No name in the case went NXDOMAIN; give --names to pin names."));
    } else if (names.isEmpty()) {
        context.hostsNotes.append(
            QStringLiteral("Only addresses were selected, and a hosts override pins names: give the names to pin."));
    }
    if (names.size() > request.reportOverrideNames) {
        context.hostsNotes.append(QStringLiteral("Only the first %1 of %2 names are pinned.")
                                      .arg(request.reportOverrideNames)
                                      .arg(names.size()));
        names = names.mid(0, request.reportOverrideNames);
    }
    if (names.isEmpty())
        return;
    CaseOverrideRequest o;
    o.names = names;
    o.sourceIds = request.filter.sourceIds;
    o.generatedAt = context.exportTime;
    const CaseOverrideResult result = buildCaseOverride(reader, o);
    if (!result.pack.ok()) {
        context.hostsNotes.append(result.pack.error);
        return;
    }
    context.hostsOverride = result.pack.text;
    for (const NameResolution& r : result.resolutions)
        context.hostsNotes += r.notes;
    context.hostsNotes += result.unresolved;
    for (const OverrideRejection& r : result.pack.rejected)
        context.hostsNotes.append(QStringLiteral("%1 refused: %2").arg(visibleText(r.name), r.reason));
}

// What a selection by names carries besides its records: the notes and the provider queries about the names and
// data it exports (the pivots that led to them), not the rest of the case's; and the names and addresses asked for
// that no exported record carries, so that a typo does not pass for "nothing there". A whole-case export carries
// every note and query. Only subjects that have a note or a query are looked for, so the sets stay as small as
// those however many records stream past. Any filter (names, times, sources) keeps the sources the exported records
// came from: their hashes are this export's inputs; a whole-case export lists every source, empty ones too.
class SelectionFollower
{
public:
    SelectionFollower(const ExportFilter& filter, const QList<Note>& notes, const QList<ProviderQueryRecord>& queries)
        : m_names(filter.names)
        , m_filtered(!filter.names.isEmpty() || filter.since || filter.until || !filter.sourceIds.isEmpty())
        , m_notes(notes)
        , m_queries(queries)
    {
        const QStringList& names = filter.names;
        if (names.isEmpty())
            return;
        for (const Note& n : notes)
            if (!n.subject.isEmpty())
                m_wanted.insert(n.subject);
        for (const ProviderQueryRecord& q : queries)
            m_wanted.insert(q.question);
        for (const QString& n : names) {
            if (const auto address = canonicalAddress(n.trimmed()))
                m_unmatched.insert(*address, n);
            else if (const auto network = parseCidr(n.trimmed()))
                m_unmatchedNetworks.append({*network, n});
            else
                m_unmatched.insert(n, n);
        }
    }

    void see(const SourcedObservation& sourced)
    {
        if (m_filtered) // a whole-case export lists every source: no set to keep per record
            m_sourceIds.insert(sourced.sourceId);
        const Observation& record = sourced.observation;
        for (const QString* subject : {&record.rrname, &record.rdata}) {
            if (m_wanted.contains(*subject))
                m_exported.insert(*subject);
            m_unmatched.remove(*subject);
        }
        if (!m_unmatchedNetworks.isEmpty()
            && (record.rrtype == QLatin1String("A") || record.rrtype == QLatin1String("AAAA")))
            m_unmatchedNetworks.removeIf([&](const auto& network) { return network.first.contains(record.rdata); });
    }

    QList<SourceInfo> sources(QList<SourceInfo> all) const
    {
        if (m_filtered)
            all.removeIf([this](const SourceInfo& s) { return !m_sourceIds.contains(s.id); });
        return all;
    }

    QList<Note> notes() const
    {
        QList<Note> kept;
        for (const Note& n : m_notes) {
            if (n.subject.isEmpty() || m_names.isEmpty() || m_exported.contains(n.subject))
                kept.append(n);
        }
        return kept;
    }

    QList<ProviderQueryRecord> queries() const
    {
        QList<ProviderQueryRecord> kept;
        for (const ProviderQueryRecord& q : m_queries) {
            // A question about a selected name stays even when it brought nothing: that it was asked is evidence.
            if (m_names.isEmpty() || m_exported.contains(q.question) || m_names.contains(q.question))
                kept.append(q);
        }
        return kept;
    }

    QStringList warnings() const
    {
        QStringList missing = m_unmatched.values();
        for (const auto& network : m_unmatchedNetworks)
            missing.append(network.second);
        missing.sort();
        for (QString& n : missing)
            n = QStringLiteral("%1: no record selected (not in the case, or outside the time and source filters)")
                    .arg(visibleText(n));
        return missing;
    }

private:
    const QStringList m_names;
    const bool m_filtered;
    const QList<Note> m_notes;
    const QList<ProviderQueryRecord> m_queries;
    QSet<QString> m_wanted; // subjects of a note or a query
    QSet<QString> m_exported; // of them, those an exported record carries
    QSet<qint64> m_sourceIds; // of the exported records
    QHash<QString, QString> m_unmatched; // as records spell it -> as given
    QList<std::pair<Cidr, QString>> m_unmatchedNetworks; // with the CIDR as given
};

} // namespace

CaseExportResult exportCase(const CaseExportRequest& request, const ExportProgress& progress)
{
    CaseExportResult result;
    if (request.outputPath.isEmpty() && !request.device) {
        result.error = QStringLiteral("no output given for the %1 export").arg(exportFormatName(request.format));
        return result;
    }
    CaseError error;
    const auto reader = CaseReader::open(request.casePath, &error);
    if (!reader) {
        result.error = error.message;
        return result;
    }
    CaseFile::Options options;
    options.runQuickCheck = false; // the reader's open already checked the file
    const auto file = CaseFile::open(request.casePath, CaseFile::Mode::ReadOnly, options, &error);
    if (!file) {
        result.error = error.message;
        return result;
    }
    const ProviderQueryLog queryLog(*file);
    NotesStore notes(*file);

    ExportContext context;
    context.caseId = file->caseId();
    context.caseTitle = file->title();
    context.exportTime = request.exportTime.value_or(QDateTime::currentSecsSinceEpoch());
    context.toolVersion = QStringLiteral(PDNSW_VERSION);
    context.sources = reader->sources();
    context.counts = reader->counts();
    context.filter = request.filter;
    SelectionFollower selection(request.filter, notes.allNotes(), queryLog.queries());
    if (request.format == ExportFormat::Html || request.format == ExportFormat::Pdf)
        addReportOverride(*reader, request, context);

    std::unique_ptr<Exporter> exporter = Exporter::create(request.format);
    if (request.recordLimit && exporter->recordLimit() > 0)
        exporter->setRecordLimit(*request.recordLimit);
    QSaveFile saveFile(request.outputPath);
    QIODevice* out = request.device;
    if (!out) {
        if (!saveFile.open(QIODevice::WriteOnly)) {
            result.error = QStringLiteral("cannot write %1: %2").arg(request.outputPath, saveFile.errorString());
            return result;
        }
        out = &saveFile;
    }

    bool writeOk = exporter->begin(out, context);
    CaseError readError;
    const bool completed = writeOk
        && reader->forEachObservation(
            request.filter,
            [&](const SourcedObservation& record) {
                selection.see(record);
                if (!exporter->add(record)) {
                    writeOk = false;
                    return false;
                }
                if (progress && exporter->recordCount() % kProgressEvery == 0 && !progress(exporter->recordCount())) {
                    result.cancelled = true;
                    return false;
                }
                return true;
            },
            &readError);
    context.notes = selection.notes();
    context.queries = selection.queries();
    context.sources = selection.sources(context.sources);
    if (completed && writeOk)
        writeOk = exporter->finish();
    result.records = exporter->recordCount();
    if (completed)
        result.warnings += selection.warnings();
    if (const auto* cof = dynamic_cast<const CofExporter*>(exporter.get()); cof && cof->skippedNegative() > 0)
        result.warnings.append(QStringLiteral("%1 negative answers (NXDOMAIN, ...) left out: COF cannot express them")
                                   .arg(cof->skippedNegative()));
    if (const auto* graph = dynamic_cast<const GraphExporter*>(exporter.get());
        graph && graph->graph().nodes().size() > GraphExporter::kLargeGraphNodes)
        result.warnings.append(
            QStringLiteral("a graph of %1 nodes and %2 edges, more than graph tools lay out usefully; "
                           "export only the names, times or sources of interest")
                .arg(graph->graph().nodes().size())
                .arg(graph->graph().edges().size()));

    if (result.cancelled || !completed || !writeOk) {
        if (!request.device)
            saveFile.cancelWriting();
        if (result.cancelled)
            result.error = QStringLiteral("export cancelled; %1 was not written").arg(request.outputPath);
        else if (!writeOk)
            result.error = QStringLiteral("%1: %2").arg(
                request.device ? QStringLiteral("output") : request.outputPath, exporter->errorString());
        else
            result.error = readError ? readError.message
                                     : QStringLiteral("reading the case %1 stopped early").arg(request.casePath);
        return result;
    }
    if (!request.device) {
        if (!saveFile.commit()) {
            result.error = QStringLiteral("cannot write %1: %2").arg(request.outputPath, saveFile.errorString());
            return result;
        }
        ExportManifest manifest;
        manifest.caseId = context.caseId;
        manifest.caseTitle = context.caseTitle;
        manifest.caseFile = request.casePath;
        manifest.exportTime = context.exportTime;
        manifest.format = exportFormatName(request.format);
        manifest.records = result.records;
        manifest.filter = filterJson(request.filter);
        manifest.sources = context.sources;
        manifest.providerQueries = providerQueriesJson(queryLog, context.queries);
        QString manifestError;
        result.manifestPath = writeExportManifest(request.outputPath, manifest, &manifestError, &result.sha256);
        if (result.manifestPath.isEmpty()) {
            result.error = manifestError;
            return result;
        }
    }
    result.ok = true;
    return result;
}

} // namespace pdnsw
