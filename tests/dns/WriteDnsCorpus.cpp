// Writes the DNS decoder's fuzz seed corpus: every malformed case of DnsMalformedCases (synthetic, mirroring
// the tcpdump and RFC 9267 cases) and the distinct DNS payloads of the public captures.
//   dns_corpus_writer PCAP_DIR OUT_DIR

#include "dns/DnsMalformedCases.h"
#include "dns/PcapDnsPayloads.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QTextStream>

using namespace pdnsw::test;

namespace {

bool writeSeed(const QDir& dir, const QString& name, const QByteArray& bytes)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        QTextStream(stderr) << "cannot write " << file.fileName() << ": " << file.errorString() << "\n";
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        QTextStream(stderr) << "usage: dns_corpus_writer PCAP_DIR OUT_DIR\n";
        return 2;
    }
    const QDir pcaps(QString::fromLocal8Bit(argv[1]));
    QDir out(QString::fromLocal8Bit(argv[2]));
    if (!out.mkpath(QStringLiteral("."))) {
        QTextStream(stderr) << "cannot create " << out.path() << "\n";
        return 1;
    }
    QSet<QByteArray> seen;
    int written = 0;
    for (const MalformedCase& c : malformedCases()) {
        seen.insert(QCryptographicHash::hash(c.message, QCryptographicHash::Sha1));
        if (!writeSeed(out, QStringLiteral("synthetic-%1.bin").arg(c.name), c.message))
            return 1;
        ++written;
    }
    // Capture payloads: distinct contents only, at most 40 per capture so one big file does not dominate.
    const QStringList files
        = pcaps.entryList({QStringLiteral("*.pcap"), QStringLiteral("*.pcapng")}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        QString error;
        const auto payloads = dnsPayloadsFromPcap(pcaps.filePath(file), &error);
        if (!error.isEmpty()) {
            QTextStream(stderr) << file << ": " << error << "\n";
            return 1;
        }
        int fromThisFile = 0;
        for (const PcapDnsPayload& p : payloads) {
            const QByteArray hash = QCryptographicHash::hash(p.message, QCryptographicHash::Sha1);
            if (seen.contains(hash) || fromThisFile >= 40)
                continue;
            seen.insert(hash);
            const QString base = file.section(QLatin1Char('.'), 0, 0);
            if (!writeSeed(out, QStringLiteral("pcap-%1-%2.bin").arg(base).arg(p.packetNumber), p.message))
                return 1;
            ++fromThisFile;
            ++written;
        }
    }
    QTextStream(stdout) << "wrote " << written << " seeds to " << out.path() << "\n";
    return 0;
}
