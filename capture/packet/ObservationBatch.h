#pragma once

#include "capture/packet/CaptureTypes.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace pdnsw {

class DnsAggregator;
class ObservationSink;
class PacketProcessor;

// What the decoding side hands to the writing side in one go.
struct ObservationBatch
{
    RecordBatch records;
    std::vector<UnansweredQuery> unanswered;
    std::vector<CaptureProblem> problems;

    bool empty() const
    {
        return records.records.empty() && records.newAddresses.empty() && !records.addressesReset && unanswered.empty()
            && problems.empty();
    }
    // Moves the records the aggregator released, its unanswered queries and the processor's problems into a
    // batch.
    static ObservationBatch take(DnsAggregator& aggregator, PacketProcessor& processor);
    // The same, with the problems already collected (aggregation on its own thread, see PcapImporter).
    static ObservationBatch take(DnsAggregator& aggregator, std::vector<CaptureProblem>&& problems);
};

// The writing side's end of the handover: turns batches, in the order they were taken, into observations,
// unanswered queries and errors for a sink. Keeps the address texts the batches deliver, so one delivery
// object serves a whole import or capture.
class BatchDelivery
{
public:
    // Returns false as soon as the sink asks to stop; `delivered` counts the observations handed over.
    bool deliver(const ObservationBatch& batch, ObservationSink& sink, std::int64_t* delivered = nullptr);

private:
    std::vector<QString> m_addresses;
    Observation m_observation;
};

} // namespace pdnsw
