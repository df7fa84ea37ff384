#pragma once

#include "models/Observation.h"

namespace pdnsw {

// Where importers and decoders put what they find. The case writer is one; tests use a collecting sink.
class ObservationSink
{
public:
    virtual ~ObservationSink() = default;
    // Returns false when the receiver wants the producer to stop (cancelled or a write failed).
    virtual bool addObservation(const Observation& observation) = 0;
    // A query seen without any answer (capture only): counted per (name, type).
    virtual bool addUnansweredQuery(const QString& rrname, const QString& rrtype, qint64 time)
    {
        Q_UNUSED(rrname);
        Q_UNUSED(rrtype);
        Q_UNUSED(time);
        return true;
    }
    // A problem with one line/packet: position is "line 12" or "packet 4711 (offset 123456)".
    virtual void addError(const QString& position, const QString& message)
    {
        Q_UNUSED(position);
        Q_UNUSED(message);
    }
};

} // namespace pdnsw
