#include "capture/packet/ObservationBatch.h"

#include "capture/packet/DnsAggregator.h"
#include "capture/packet/PacketProcessor.h"
#include "models/ObservationSink.h"

namespace pdnsw {

ObservationBatch ObservationBatch::take(DnsAggregator& aggregator, PacketProcessor& processor)
{
    std::vector<CaptureProblem> problems;
    processor.takeProblems(problems);
    return take(aggregator, std::move(problems));
}

ObservationBatch ObservationBatch::take(DnsAggregator& aggregator, std::vector<CaptureProblem>&& problems)
{
    ObservationBatch batch;
    aggregator.takeOutput(batch.records);
    aggregator.takeUnanswered(batch.unanswered);
    batch.problems = std::move(problems);
    problems.clear();
    return batch;
}

bool BatchDelivery::deliver(const ObservationBatch& batch, ObservationSink& sink, std::int64_t* delivered)
{
    const RecordBatch& records = batch.records;
    if (records.addressesReset)
        m_addresses.clear();
    for (const std::string& text : records.newAddresses)
        m_addresses.push_back(QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size())));
    for (const AggregatedRecord& record : records.records) {
        toObservation(records, record, m_addresses, m_observation);
        if (!sink.addObservation(m_observation))
            return false;
        if (delivered)
            ++*delivered;
    }
    for (const UnansweredQuery& q : batch.unanswered) {
        if (!sink.addUnansweredQuery(QString::fromLatin1(q.rrname.data(), static_cast<qsizetype>(q.rrname.size())),
                cachedRrTypeName(q.rrtype), q.time))
            return false;
    }
    for (const CaptureProblem& p : batch.problems)
        sink.addError(QString::fromStdString(p.position), QString::fromStdString(p.message));
    return true;
}

} // namespace pdnsw
