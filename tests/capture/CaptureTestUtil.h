#pragma once

#include "PcapFixture.h"
#include "capture/packet/PcapImporter.h"

#include <QTemporaryDir>

namespace pdnsw::test {

struct Imported
{
    PcapImportResult result;
    CollectingSink sink;
};

inline Imported importPath(const QString& path, const CaptureOptions& options = {})
{
    Imported out;
    PcapImporter importer(options);
    out.result = importer.importFile(path, out.sink);
    return out;
}

inline Imported importFixture(const PcapFile& file, const CaptureOptions& options = {})
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fixture.pcap"));
    file.save(path);
    return importPath(path, options);
}

inline QString pcapPath(const char* name)
{
    return QStringLiteral(PDNSW_PCAP_DIR "/") + QLatin1String(name);
}

} // namespace pdnsw::test
