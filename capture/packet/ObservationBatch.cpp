#include "capture/packet/ObservationBatch.h"

#include "capture/packet/DnsAggregator.h"
#include "capture/packet/PacketProcessor.h"
#include "models/ObservationSink.h"
#include "models/RrType.h"

namespace pdnsw {

ObservationBatch ObservationBatch::take(DnsAggregator& aggregator, PacketProcessor& processor)
{
    ObservationBatch batch;
    aggregator.takeRecords(batch.records);
    aggregator.takeUnanswered(batch.unanswered);
    processor.takeProblems(batch.problems);
    return batch;
}

bool deliverBatch(const ObservationBatch& batch, ObservationSink& sink, std::int64_t* delivered)
{
    for (const AggregatedRecord& record : batch.records) {
        if (!sink.addObservation(toObservation(record)))
            return false;
        if (delivered)
            ++*delivered;
    }
    for (const UnansweredQuery& q : batch.unanswered) {
        if (!sink.addUnansweredQuery(QString::fromLatin1(q.rrname.data(), static_cast<qsizetype>(q.rrname.size())),
                rrTypeName(q.rrtype), q.time))
            return false;
    }
    for (const CaptureProblem& p : batch.problems)
        sink.addError(QString::fromStdString(p.position), QString::fromStdString(p.message));
    return true;
}

} // namespace pdnsw
