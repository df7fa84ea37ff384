// Child process of TestKillDuringImport: imports observations in batches into a case and prints
// "committed <batch> <rows>" after each commit, until it is killed.
#include "models/CaseFile.h"
#include "models/ObservationWriter.h"

#include <QCoreApplication>

#include <cstdio>

using namespace pdnsw;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: pdnsw-import-child CASE BATCH_SIZE BATCHES [BULK_THRESHOLD]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int batchSize = QByteArray(argv[2]).toInt();
    const int batches = QByteArray(argv[3]).toInt();
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    if (!file) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message));
        return 1;
    }
    ObservationWriter writer(*file, batchSize);
    if (argc > 4)
        writer.setBulkThreshold(QByteArray(argv[4]).toLongLong());
    writer.setBatchCommittedCallback([](qint64 batch, qint64 rows) {
        std::printf("committed %lld %lld\n", static_cast<long long>(batch), static_cast<long long>(rows));
        std::fflush(stdout);
    });
    SourceInfo info;
    info.kind = QStringLiteral("test");
    info.label = QStringLiteral("big import");
    info.sha256 = QStringLiteral("00ff");
    if (writer.beginSource(info, &error) != ObservationWriter::Begin::Started) {
        std::fprintf(stderr, "%s\n", qPrintable(error.message));
        return 1;
    }
    std::printf("started\n");
    std::fflush(stdout);
    for (qint64 i = 0; i < qint64(batchSize) * batches; ++i) {
        Observation o;
        o.rrname = QStringLiteral("host%1.victim.example").arg(i);
        o.rrtype = QStringLiteral("A");
        o.rdata = QStringLiteral("10.%1.%2.%3").arg((i >> 16) & 0xff).arg((i >> 8) & 0xff).arg(i & 0xff);
        o.firstSeen = 1500000000 + i;
        o.lastSeen = 1500000000 + i;
        o.count = 1;
        if (!writer.addObservation(o))
            return 1;
    }
    writer.finish(true, {}, &error);
    std::printf("finished\n");
    return 0;
}
