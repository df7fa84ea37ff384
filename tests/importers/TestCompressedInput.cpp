// Compressed inputs: gzip- and zstd-compressed logs and captures read as they are (the same records as the plain file,
// the SHA-256 of the file's own bytes), truncated or damaged gzip named with the file and where, and the compressions
// that are not read refused with what to do.

#include "CollectingSink.h"
#include "FileBytes.h"

#include "capture/FileImporter.h"
#include "capture/InputFileReader.h"
#include "capture/logs/LogImporter.h"
#include "capture/packet/PcapImporter.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>
#include <zstd.h>

using namespace pdnsw;
using pdnsw::test::CollectingSink;
using pdnsw::test::describe;
using pdnsw::test::readFile;
using pdnsw::test::writeFile;

namespace {

// One gzip member, as gzip writes it (header, deflate data, CRC and size).
QByteArray gzip(const QByteArray& data)
{
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size()))) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return rc == Z_STREAM_END ? out : QByteArray();
}

// Some text that does not compress to nothing: a gzip file of several internal blocks.
QByteArray sampleText(int lines)
{
    QByteArray text;
    for (int i = 0; i < lines; ++i)
        text += "line " + QByteArray::number(i) + " " + QByteArray::number(quint64(i) * 2654435761u % 1000003) + '\n';
    return text;
}

// One zstd frame with its checksum, as zstd writes it.
QByteArray zstd(const QByteArray& data)
{
    ZSTD_CCtx* context = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1);
    QByteArray out(qsizetype(ZSTD_compressBound(std::size_t(data.size()))), '\0');
    const std::size_t n
        = ZSTD_compress2(context, out.data(), std::size_t(out.size()), data.constData(), std::size_t(data.size()));
    ZSTD_freeCCtx(context);
    if (ZSTD_isError(n))
        return {};
    out.resize(qsizetype(n));
    return out;
}

// "gzip" or "zstd": the compressions the reader reads.
QByteArray compress(const QString& kind, const QByteArray& data)
{
    return kind == QLatin1String("zstd") ? zstd(data) : gzip(data);
}

// For a cut in the middle: zstd hands out nothing of a block (up to 128 KiB) until it has all of it, so the file is
// made of frames of `piece` bytes each, as `cat` of small .zst files gives; gzip's own blocks are small.
QByteArray compressInPieces(const QString& kind, const QByteArray& data, qsizetype piece = 16 * 1024)
{
    if (kind != QLatin1String("zstd"))
        return gzip(data);
    QByteArray out;
    for (qsizetype at = 0; at < data.size(); at += piece)
        out += zstd(data.mid(at, piece));
    return out;
}

QString suffix(const QString& kind)
{
    return kind == QLatin1String("zstd") ? QStringLiteral(".zst") : QStringLiteral(".gz");
}

// `plain` compressed into `to`; the compressed bytes, for the hash and size checks (empty on failure).
QByteArray compressedCopy(const QString& kind, const QString& plain, const QString& to)
{
    const QByteArray bytes = compress(kind, readFile(plain));
    return !bytes.isEmpty() && writeFile(to, bytes) ? bytes : QByteArray();
}

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QStringList described(const CollectingSink& sink)
{
    QStringList lines;
    for (const Observation& o : sink.observations)
        lines.append(describe(o));
    return lines;
}

} // namespace

class TestCompressedInput : public QObject
{
    Q_OBJECT
private slots:
    void readerGivesTheDecompressedBytes_data();
    void readerGivesTheDecompressedBytes();
    void truncatedFileIsNamed_data() { kinds(); }
    void truncatedFileIsNamed();
    void damagedFileIsNamed_data() { kinds(); }
    void damagedFileIsNamed();
    void otherCompressionsAreRefused_data();
    void otherCompressionsAreRefused();
    void compressedLogImportsLikeThePlainOne_data();
    void compressedLogImportsLikeThePlainOne();
    void compressedCaptureImportsLikeThePlainOne_data();
    void compressedCaptureImportsLikeThePlainOne();
    void truncatedCaptureKeepsThePacketsBefore_data() { kinds(); }
    void truncatedCaptureKeepsThePacketsBefore();
    void truncatedLogKeepsTheLinesBefore_data() { kinds(); }
    void truncatedLogKeepsTheLinesBefore();

private:
    // One row per compression read ("gzip", "zstd") in the column "kind".
    static void kinds()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("gzip") << QStringLiteral("gzip");
        QTest::newRow("zstd") << QStringLiteral("zstd");
    }

    QTemporaryDir m_dir;
};

void TestCompressedInput::readerGivesTheDecompressedBytes_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QByteArray>("content");
    const QByteArray text = sampleText(20000);
    const QByteArray second = sampleText(300).toUpper();
    QTest::newRow("plain") << text << text;
    QTest::newRow("gzip") << gzip(text) << text;
    QTest::newRow("two members") << gzip(text) + gzip(second) << text + second;
    QTest::newRow("zeros after the member") << gzip(second) + QByteArray(700, '\0') << second;
    QTest::newRow("zeros past the first read") << gzip(second) + QByteArray(600 * 1024, '\0') << second;
    QTest::newRow("empty member") << gzip(QByteArray()) << QByteArray();
    QTest::newRow("empty member then one") << gzip(QByteArray()) + gzip(second) << second;
    QTest::newRow("zstd") << zstd(text) << text;
    QTest::newRow("two zstd frames") << zstd(text) + zstd(second) << text + second;
    QTest::newRow("empty zstd frame then one") << zstd(QByteArray()) + zstd(second) << second;
}

void TestCompressedInput::readerGivesTheDecompressedBytes()
{
    QFETCH(QByteArray, file);
    QFETCH(QByteArray, content);
    const QString path = m_dir.filePath(QStringLiteral("input.bin"));
    QVERIFY(writeFile(path, file));
    // Small and odd read sizes cross every buffer boundary.
    for (const qint64 size : {qint64(1), qint64(7), qint64(4096), qint64(1) << 20}) {
        InputFileReader reader;
        QCryptographicHash raw(QCryptographicHash::Sha256);
        reader.setRawBytesObserver([&raw](QByteArrayView bytes) { raw.addData(bytes); });
        QString error;
        QVERIFY2(reader.open(path, &error), qPrintable(error));
        QByteArray got;
        QByteArray chunk;
        while (!(chunk = reader.read(size)).isEmpty())
            got += chunk;
        QVERIFY2(reader.errorString().isEmpty(), qPrintable(reader.errorString()));
        QVERIFY(reader.atEnd());
        QCOMPARE(got.size(), content.size());
        QCOMPARE(got, content);
        QCOMPARE(reader.position(), content.size());
        // The file's own bytes, each seen once: its SHA-256 without a second pass.
        QCOMPARE(reader.filePosition(), file.size());
        QCOMPARE(raw.result(), QCryptographicHash::hash(file, QCryptographicHash::Sha256));
    }
}

void TestCompressedInput::truncatedFileIsNamed()
{
    QFETCH(QString, kind);
    const QByteArray text = sampleText(50000);
    const QByteArray compressed = compress(kind, text);
    const QString path = m_dir.filePath(QStringLiteral("cut.log") + suffix(kind));
    QVERIFY(writeFile(path, compressed.left(compressed.size() / 2)));
    InputFileReader reader;
    QString error;
    QVERIFY2(reader.open(path, &error), qPrintable(error));
    QByteArray got;
    qint64 n = 0;
    char buffer[10000];
    while ((n = reader.read(buffer, sizeof buffer)) > 0)
        got.append(buffer, n);
    QCOMPARE(n, -1);
    // What came before the cut is handed out, and it is the start of the text.
    QVERIFY(got.size() > text.size() / 4);
    QVERIFY(text.startsWith(got));
    QVERIFY2(reader.errorString().contains(path) && reader.errorString().contains(QStringLiteral("truncated")),
        qPrintable(reader.errorString()));
    QVERIFY2(reader.errorString().endsWith(QStringLiteral("what came before it was read")),
        qPrintable(reader.errorString()));
    QCOMPARE(reader.read(buffer, sizeof buffer), -1); // and it stays so

    // Cut in its header: nothing came before, and the message does not say otherwise.
    QVERIFY(writeFile(path, compressed.left(5)));
    InputFileReader header;
    QVERIFY2(header.open(path, &error), qPrintable(error));
    QCOMPARE(header.read(buffer, sizeof buffer), -1);
    QVERIFY2(header.errorString().endsWith(QStringLiteral("the file is truncated")), qPrintable(header.errorString()));
}

void TestCompressedInput::damagedFileIsNamed()
{
    QFETCH(QString, kind);
    QByteArray compressed = compress(kind, sampleText(50000));
    for (qsizetype i = compressed.size() / 2; i < compressed.size() / 2 + 64; ++i)
        compressed[i] = char(~compressed[i]);
    const QString path = m_dir.filePath(QStringLiteral("damaged.log") + suffix(kind));
    QVERIFY(writeFile(path, compressed));
    InputFileReader reader;
    QString error;
    QVERIFY2(reader.open(path, &error), qPrintable(error));
    char buffer[4096];
    qint64 n = 0;
    while ((n = reader.read(buffer, sizeof buffer)) > 0) { }
    QCOMPARE(n, -1);
    QVERIFY2(reader.errorString().contains(path) && reader.errorString().contains(QStringLiteral("damaged")),
        qPrintable(reader.errorString()));
}

void TestCompressedInput::otherCompressionsAreRefused_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("command");
    QTest::newRow("bzip2") << QByteArray("BZh91AY&SY") << QStringLiteral("bzip2") << QStringLiteral("bunzip2 -k");
    QTest::newRow("xz") << QByteArray("\xfd"
                                      "7zXZ\0\0\x04",
        8) << QStringLiteral("xz")
                        << QStringLiteral("unxz -k");
}

void TestCompressedInput::otherCompressionsAreRefused()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, kind);
    QFETCH(QString, command);
    const QString path = m_dir.filePath(QStringLiteral("dns.log.") + kind);
    QVERIFY(writeFile(path, head + QByteArray(100, 'x')));
    const QString expected = QStringLiteral("%1 is %2-compressed").arg(path, kind);
    InputFileReader reader;
    QString error;
    QVERIFY(!reader.open(path, &error));
    QVERIFY2(error.startsWith(expected) && error.contains(command + u' ' + path), qPrintable(error));
    // The import says the same, for a log and for what could be a capture.
    QVERIFY(!detectInputFormat(path, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
    CollectingSink sink;
    const PcapImportResult capture = PcapImporter().importFile(path, sink);
    QVERIFY2(capture.error.startsWith(expected), qPrintable(capture.error));
    const LogImportStats log = LogImporter().importFile(path, sink);
    QVERIFY2(log.failure.startsWith(expected), qPrintable(log.failure));
}

void TestCompressedInput::compressedLogImportsLikeThePlainOne_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<InputFormat>("format");
    for (const char* kind : {"gzip", "zstd"}) {
        const QString k = QString::fromLatin1(kind);
        QTest::addRow("zeek tsv, %s", kind) << k << QStringLiteral("zeek_dns.log") << InputFormat::ZeekTsv;
        QTest::addRow("zeek json, %s", kind) << k << QStringLiteral("zeek_dns.json") << InputFormat::ZeekJson;
        QTest::addRow("passivedns, %s", kind) << k << QStringLiteral("passivedns.log") << InputFormat::PassiveDns;
        QTest::addRow("cof, %s", kind) << k << QStringLiteral("circl.cof.ndjson") << InputFormat::Cof;
    }
}

void TestCompressedInput::compressedLogImportsLikeThePlainOne()
{
    QFETCH(QString, kind);
    QFETCH(QString, fixture);
    QFETCH(InputFormat, format);
    const QString plain = QStringLiteral(PDNSW_SOURCE_DIR "/tests/importers/data/") + fixture;
    const QString compressed = m_dir.filePath(fixture + suffix(kind));
    const QByteArray gz = compressedCopy(kind, plain, compressed);
    QVERIFY(!gz.isEmpty());
    QCOMPARE(detectInputFormat(compressed, nullptr), std::optional<InputFormat>(format));
    CollectingSink plainSink;
    CollectingSink gzipSink;
    // Small chunks: lines cross the reads.
    LogImportOptions options;
    options.chunkBytes = 333;
    const LogImportStats plainStats = LogImporter(options).importFile(plain, plainSink);
    QVERIFY2(plainStats.completed, qPrintable(plainStats.failure));
    const LogImportStats gzipStats = LogImporter(options).importFile(compressed, gzipSink);
    QVERIFY2(gzipStats.completed, qPrintable(gzipStats.failure));
    QVERIFY(!plainSink.observations.isEmpty());
    QCOMPARE(described(gzipSink), described(plainSink));
    QCOMPARE(gzipStats.linesRead, plainStats.linesRead);
    QCOMPARE(gzipStats.rejectedLines, plainStats.rejectedLines);
    // The source is the file as given: its size and SHA-256 are the compressed file's.
    QCOMPARE(gzipStats.size, gz.size());
    QCOMPARE(gzipStats.sha256, sha256Hex(gz));
}

void TestCompressedInput::compressedCaptureImportsLikeThePlainOne_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("capture");
    for (const char* kind : {"gzip", "zstd"}) {
        const QString k = QString::fromLatin1(kind);
        QTest::addRow("pcap, %s", kind) << k << QStringLiteral("dnscap__dns.pcap");
        QTest::addRow("pcap, IPv6, %s", kind) << k << QStringLiteral("dnscap__dns6.pcap");
        QTest::addRow("pcapng, %s", kind) << k << QStringLiteral("chrissanders__dns_lab.pcapng");
        QTest::addRow("pcapng, TCP, %s", kind) << k << QStringLiteral("chrissanders__dns_tcp.pcapng");
    }
}

void TestCompressedInput::compressedCaptureImportsLikeThePlainOne()
{
    QFETCH(QString, kind);
    QFETCH(QString, capture);
    const QString plain = QStringLiteral(PDNSW_PCAP_DIR "/") + capture;
    const QString compressed = m_dir.filePath(capture + suffix(kind));
    const QByteArray gz = compressedCopy(kind, plain, compressed);
    QVERIFY(!gz.isEmpty());
    QCOMPARE(detectInputFormat(compressed, nullptr), std::optional<InputFormat>(InputFormat::Pcap));

    CollectingSink plainSink;
    CollectingSink gzipSink;
    const PcapImportResult plainResult = PcapImporter().importFile(plain, plainSink);
    QVERIFY2(plainResult.error.isEmpty(), qPrintable(plainResult.error));
    QList<std::int64_t> positions;
    PcapImporter importer;
    importer.setProgressCallback([&](const ImportProgress& p) { positions.append(p.bytesRead); }, 1);
    const PcapImportResult gzipResult = importer.importFile(compressed, gzipSink);
    QVERIFY2(gzipResult.error.isEmpty(), qPrintable(gzipResult.error));
    QVERIFY(!gzipResult.readError);
    QVERIFY(!plainSink.observations.isEmpty());
    QCOMPARE(gzipResult.format, plainResult.format);
    QCOMPARE(gzipResult.stats.packets, plainResult.stats.packets);
    QCOMPARE(described(gzipSink), described(plainSink));
    QCOMPARE(gzipResult.sha256, sha256Hex(gz));
    QCOMPARE(gzipResult.fileSize, gz.size());
    // Progress follows the compressed file, never past its end.
    for (const std::int64_t at : std::as_const(positions))
        QVERIFY(at >= 0 && at <= gz.size());
}

void TestCompressedInput::truncatedCaptureKeepsThePacketsBefore()
{
    QFETCH(QString, kind);
    const QString plain = QStringLiteral(PDNSW_PCAP_DIR "/dnscap__dns.pcap");
    const QByteArray gz = compressInPieces(kind, readFile(plain), 4096);
    const QString compressed = m_dir.filePath(QStringLiteral("cut.pcap") + suffix(kind));
    QVERIFY(writeFile(compressed, gz.left(gz.size() * 2 / 3)));
    CollectingSink full;
    const PcapImportResult whole = PcapImporter().importFile(plain, full);
    CollectingSink sink;
    const PcapImportResult cut = PcapImporter().importFile(compressed, sink);
    QVERIFY2(cut.error.isEmpty(), qPrintable(cut.error));
    QVERIFY(cut.readError);
    QVERIFY2(cut.readErrorMessage.contains(compressed) && cut.readErrorMessage.contains(QStringLiteral("truncated")),
        qPrintable(cut.readErrorMessage));
    QVERIFY(cut.stats.packets > 0);
    QVERIFY(cut.stats.packets < whole.stats.packets);
    QVERIFY(!sink.observations.isEmpty());

    // Cut before the capture's header is whole: the reader's reason, not libpcap's.
    QVERIFY(writeFile(compressed, gz.left(12)));
    const PcapImportResult header = PcapImporter().importFile(compressed, sink);
    QVERIFY2(header.error.startsWith(compressed + QStringLiteral(" ends inside its")), qPrintable(header.error));
}

void TestCompressedInput::truncatedLogKeepsTheLinesBefore()
{
    QFETCH(QString, kind);
    // A log long enough that the cut falls well inside its records.
    QByteArray log = readFile(QStringLiteral(PDNSW_SOURCE_DIR "/tests/importers/data/circl.cof.ndjson"));
    const QByteArray lines = log;
    while (log.size() < 400000)
        log += lines;
    const QByteArray gz = compressInPieces(kind, log);
    const QString path = m_dir.filePath(QStringLiteral("cut.ndjson") + suffix(kind));
    QVERIFY(writeFile(path, gz.left(gz.size() / 2)));
    CollectingSink whole;
    const QString plain = m_dir.filePath(QStringLiteral("whole.ndjson"));
    QVERIFY(writeFile(plain, log));
    QVERIFY(LogImporter().importFile(plain, whole).completed);
    // One read of the default size takes in all the file has, and ends in the failure: what it got still counts.
    CollectingSink sink;
    const LogImportStats stats = LogImporter().importFile(path, sink);
    QVERIFY(!stats.completed);
    QVERIFY2(
        stats.failure.contains(path) && stats.failure.contains(QStringLiteral("truncated")), qPrintable(stats.failure));
    // The records before the cut are there, in order, and the line the cut went through is not.
    QVERIFY(sink.observations.size() > whole.observations.size() / 4);
    QVERIFY(sink.observations.size() < whole.observations.size());
    QCOMPARE(described(sink), described(whole).mid(0, sink.observations.size()));
    QCOMPARE(stats.rejectedLines, 0);
}

QTEST_GUILESS_MAIN(TestCompressedInput)
#include "TestCompressedInput.moc"
