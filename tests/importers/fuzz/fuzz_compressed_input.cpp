// libFuzzer entry point for InputFileReader, which reads every imported file and decompresses gzip and zstd ones: the
// bytes become a file that is read twice, in pieces of two sizes. Built as a libFuzzer target with
// PDNSW_ENABLE_FUZZING=ON under clang, and always linked into fuzz_compressed_seed_runner. Every invariant failure
// aborts.
//
// The first byte picks the size of the first pass's reads (0: 1 MiB); the rest is the file.

#include "capture/InputFileReader.h"
#include "fuzz/FuzzObservationChecks.h"

#include <QDir>
#include <QFile>

#include <unistd.h>

using namespace pdnsw;

namespace {

[[noreturn]] void fail(const char* what, const QString& detail)
{
    fuzz::fail("fuzz_compressed_input", what, detail);
}

// What a compression bomb may give before a pass stops looking: enough for every seed, small enough to stay fast.
constexpr qint64 kMaxOutput = 16 << 20;

struct Pass
{
    QByteArray bytes;
    bool failed = false;
    bool capped = false;
};

Pass readAll(const QString& path, qint64 fileSize, qint64 chunk)
{
    Pass pass;
    InputFileReader reader;
    QString error;
    if (!reader.open(path, &error)) {
        if (error.isEmpty() || !error.contains(path))
            fail("a refused open names the file", error);
        pass.failed = true;
        return pass;
    }
    QByteArray buffer(chunk, '\0');
    qint64 rawSeen = 0;
    reader.setRawBytesObserver([&rawSeen](QByteArrayView raw) { rawSeen += raw.size(); });
    for (;;) {
        const qint64 got = reader.read(buffer.data(), chunk);
        if (got < 0) {
            if (!reader.errorString().contains(path))
                fail("a read error names the file", reader.errorString());
            if (reader.read(buffer.data(), chunk) != -1)
                fail("a read after an error fails again", reader.errorString());
            pass.failed = true;
            break;
        }
        if (got > chunk)
            fail("a read gives no more than asked", QString::number(got));
        if (got == 0) {
            if (!reader.atEnd())
                fail("the end is told", path);
            if (reader.filePosition() != fileSize)
                fail("the whole file was read at the end", QString::number(reader.filePosition()));
            break;
        }
        pass.bytes.append(buffer.constData(), got);
        if (pass.bytes.size() > kMaxOutput) {
            pass.capped = true;
            break;
        }
    }
    if (reader.position() != pass.bytes.size())
        fail("the position counts what was handed out", QString::number(reader.position()));
    if (reader.filePosition() > fileSize || rawSeen != reader.filePosition())
        fail("every raw byte is seen once", QString::number(rawSeen));
    if (reader.compression() == Compression::None && !pass.failed && !pass.capped)
        if (pass.bytes.size() != fileSize)
            fail("a plain file is its bytes", QString::number(pass.bytes.size()));
    return pass;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    static const QString path = QDir::temp().filePath(QStringLiteral("pdnsw-fuzz-compressed-%1.bin").arg(getpid()));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(reinterpret_cast<const char*>(data) + 1, qint64(size) - 1);
    }
    const qint64 first = data[0] == 0 ? (1 << 20) : data[0];
    const Pass a = readAll(path, qint64(size) - 1, first);
    const Pass b = readAll(path, qint64(size) - 1, 4096);
    // Both passes read the same stream: one is where the other was when it stopped.
    const QByteArray& shorter = a.bytes.size() <= b.bytes.size() ? a.bytes : b.bytes;
    const QByteArray& longer = a.bytes.size() <= b.bytes.size() ? b.bytes : a.bytes;
    if (!longer.startsWith(shorter))
        fail("reads of other sizes give the same bytes", path);
    if (!a.failed && !b.failed && !a.capped && !b.capped && a.bytes != b.bytes)
        fail("complete passes agree", path);
    if (a.failed != b.failed && !a.capped && !b.capped)
        fail("both passes fail or neither", path);
    QFile::remove(path);
    return 0;
}
