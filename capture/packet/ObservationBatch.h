#pragma once

#include "capture/packet/CaptureTypes.h"

#include <cstdint>
#include <vector>

namespace pdnsw {

class DnsAggregator;
class ObservationSink;
class PacketProcessor;

// What the decode side hands to the writing side in one go.
struct ObservationBatch
{
    std::vector<AggregatedRecord> records;
    std::vector<UnansweredQuery> unanswered;
    std::vector<CaptureProblem> problems;

    bool empty() const { return records.empty() && unanswered.empty() && problems.empty(); }
    // Moves the aggregator's records, its unanswered queries and the processor's problems into a batch.
    static ObservationBatch take(DnsAggregator& aggregator, PacketProcessor& processor);
};

// Feeds a batch to a sink (observations, unanswered queries, problems). Returns false as soon as the sink asks
// to stop; `delivered` counts the observations handed over.
bool deliverBatch(const ObservationBatch& batch, ObservationSink& sink, std::int64_t* delivered = nullptr);

} // namespace pdnsw
