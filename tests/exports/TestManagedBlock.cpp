// Applying an override into a real hosts file: the managed block is replaced in place, removed on revert,
// every other byte is kept (LF and CRLF files, missing final line end), atomic write with a backup, mode kept,
// and a clear error for files we may not write.
#include "models/sandbox/ManagedBlock.h"
#include "models/sandbox/OverridePack.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace pdnsw;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QString overrideText(const QString& address, OverrideFormat format = OverrideFormat::Hosts)
{
    OverrideHeader h;
    h.caseTitle = QStringLiteral("t");
    h.asOf = QStringLiteral("latest");
    h.generatedAt = 1700000000;
    return generateOverride({{QStringLiteral("www.bad.example"), address, {}}}, h, format).text;
}

const QByteArray kDebianHosts = QByteArrayLiteral("127.0.0.1\tlocalhost\n"
                                                  "127.0.1.1\tanalyst-box\n"
                                                  "\n"
                                                  "# The following lines are desirable for IPv6 capable hosts\n"
                                                  "::1     localhost ip6-localhost ip6-loopback\n"
                                                  "ff02::1 ip6-allnodes\n"
                                                  "ff02::2 ip6-allrouters\n");

const QByteArray kWindowsHosts = QByteArrayLiteral("# Copyright (c) 1993-2009 Microsoft Corp.\r\n"
                                                   "#\r\n"
                                                   "#      102.54.94.97     rhino.acme.com          # source server\r\n"
                                                   "\r\n"
                                                   "# localhost name resolution is handled within DNS itself.\r\n"
                                                   "#\t127.0.0.1       localhost\r\n"
                                                   "10.0.0.5 fileserver   \r\n");

} // namespace

class TestManagedBlock : public QObject
{
    Q_OBJECT

private slots:
    void testApplyRevertBytes_data();
    void testApplyRevertBytes();
    void testReapplyInPlace();
    void testUnbalancedMarkersRefused_data();
    void testUnbalancedMarkersRefused();
    void testFileApplyRevert();
    void testSymlinkFollowed();
    void testNotWritable();
    void testMissingFile();
};

void TestManagedBlock::testApplyRevertBytes_data()
{
    QTest::addColumn<QByteArray>("original");
    QTest::addColumn<QByteArray>("eol");
    QTest::newRow("debian LF") << kDebianHosts << QByteArrayLiteral("\n");
    QTest::newRow("windows CRLF") << kWindowsHosts << QByteArrayLiteral("\r\n");
    QTest::newRow("no final line end") << QByteArrayLiteral("127.0.0.1 localhost\n10.1.1.1 nas")
                                       << QByteArrayLiteral("\n");
    QTest::newRow("CRLF no final line end")
        << QByteArrayLiteral("127.0.0.1 localhost\r\n10.1.1.1 nas") << QByteArrayLiteral("\r\n");
    QTest::newRow("empty") << QByteArray() << QByteArrayLiteral("\n");
    QTest::newRow("odd bytes kept") << QByteArrayLiteral("1.1.1.1 a\t \n\xff\xfe junk\n\n\n")
                                    << QByteArrayLiteral("\n");
}

void TestManagedBlock::testApplyRevertBytes()
{
    QFETCH(QByteArray, original);
    QFETCH(QByteArray, eol);
    QString error;
    const auto applied = ManagedBlock::withBlock(original, overrideText(QStringLiteral("198.51.100.23")), "\n", &error);
    QVERIFY2(applied, qPrintable(error));
    // Unrelated bytes are a prefix (plus at most the added line end); the block uses the file's line ending.
    const QByteArray prefix = original.isEmpty() || original.endsWith('\n') ? original : original + eol;
    QVERIFY(applied->startsWith(prefix));
    const QByteArray block = applied->mid(prefix.size());
    QVERIFY(block.startsWith(ManagedBlock::kBeginMarker));
    QVERIFY(block.endsWith(ManagedBlock::kEndMarker + eol));
    QCOMPARE(block.count(eol), block.count('\n'));
    QVERIFY(block.contains("198.51.100.23\twww.bad.example" + eol));

    bool found = false;
    const auto reverted = ManagedBlock::withoutBlock(*applied, &found, &error);
    QVERIFY2(reverted, qPrintable(error));
    QVERIFY(found);
    QCOMPARE(*reverted, original);

    // Revert of a file without a block changes nothing.
    const auto again = ManagedBlock::withoutBlock(original, &found, &error);
    QVERIFY(again && !found);
    QCOMPARE(*again, original);
}

void TestManagedBlock::testReapplyInPlace()
{
    const QByteArray before = QByteArrayLiteral("127.0.0.1 localhost\r\n");
    const QByteArray after = QByteArrayLiteral("10.0.0.9 printer\r\n");
    QString error;
    auto first = ManagedBlock::withBlock(before, overrideText(QStringLiteral("198.51.100.23")), "\n", &error);
    QVERIFY(first);
    const QByteArray withAfter = *first + after;
    const auto second = ManagedBlock::withBlock(withAfter, overrideText(QStringLiteral("203.0.113.77")), "\n", &error);
    QVERIFY2(second, qPrintable(error));
    QVERIFY(second->startsWith(before + ManagedBlock::kBeginMarker));
    QVERIFY(second->endsWith(ManagedBlock::kEndMarker + "\r\n" + after));
    QVERIFY(second->contains("203.0.113.77\twww.bad.example\r\n"));
    QVERIFY(!second->contains("198.51.100.23"));
    QCOMPARE(second->count(ManagedBlock::kBeginMarker), 1);
    bool found = false;
    QCOMPARE(*ManagedBlock::withoutBlock(*second, &found, &error), before + after);
}

void TestManagedBlock::testUnbalancedMarkersRefused_data()
{
    QTest::addColumn<QByteArray>("original");
    QTest::newRow("begin only") << QByteArrayLiteral("a\n# BEGIN pdns-workbench\n1.2.3.4 x.com\n");
    QTest::newRow("end only") << QByteArrayLiteral("a\n# END pdns-workbench\n");
    QTest::newRow("end before begin") << QByteArrayLiteral("# END pdns-workbench\n# BEGIN pdns-workbench\n");
    QTest::newRow("two blocks") << QByteArrayLiteral("# BEGIN pdns-workbench\n# END pdns-workbench\n"
                                                     "# BEGIN pdns-workbench\n# END pdns-workbench\n");
}

void TestManagedBlock::testUnbalancedMarkersRefused()
{
    QFETCH(QByteArray, original);
    QString error;
    QVERIFY(!ManagedBlock::withBlock(original, overrideText(QStringLiteral("192.0.2.1")), "\n", &error));
    QVERIFY2(error.contains(QStringLiteral("unbalanced")), qPrintable(error));
    bool found = false;
    error.clear();
    QVERIFY(!ManagedBlock::withoutBlock(original, &found, &error));
    QVERIFY(error.contains(QStringLiteral("line")));
}

void TestManagedBlock::testFileApplyRevert()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("hosts"));
    QVERIFY(writeAll(path, kWindowsHosts));
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0640) == 0);

    auto result = ManagedBlock::applyToFile(
        path, overrideText(QStringLiteral("198.51.100.23"), OverrideFormat::Windows), "\r\n");
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.changed);
    QCOMPARE(result.backupPath, path + QStringLiteral(".pdnsw-backup"));
    QCOMPARE(readAll(result.backupPath), kWindowsHosts);
    const QByteArray applied = readAll(path);
    QVERIFY(applied.startsWith(kWindowsHosts));
    QVERIFY(applied.contains("198.51.100.23\twww.bad.example\r\n"));
    struct stat st
    {
    };
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0640));

    // Applying the same text again changes nothing on disk.
    result = ManagedBlock::applyToFile(
        path, overrideText(QStringLiteral("198.51.100.23"), OverrideFormat::Windows), "\r\n");
    QVERIFY(result.ok);
    QVERIFY(!result.changed);

    result = ManagedBlock::revertFile(path);
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.blockFound);
    QCOMPARE(readAll(path), kWindowsHosts);
    QCOMPARE(readAll(result.backupPath), applied);
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777, mode_t(0640));

    // Nothing left to revert.
    result = ManagedBlock::revertFile(path);
    QVERIFY(result.ok);
    QVERIFY(!result.blockFound);
    QVERIFY(!result.changed);
}

void TestManagedBlock::testSymlinkFollowed()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("real-hosts"));
    const QString link = dir.filePath(QStringLiteral("hosts"));
    QVERIFY(writeAll(target, kDebianHosts));
    QVERIFY(QFile::link(target, link));
    const auto result = ManagedBlock::applyToFile(link, overrideText(QStringLiteral("192.0.2.7")), "\n");
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(readAll(target).contains("192.0.2.7\twww.bad.example\n"));
}

void TestManagedBlock::testNotWritable()
{
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("hosts"));
    QVERIFY(writeAll(path, kDebianHosts));
    if (::geteuid() == 0) {
        // root may write any mode; a file on procfs refuses writes even to root.
        path = QStringLiteral("/proc/self/environ");
    } else {
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0444) == 0);
    }
    const QByteArray before = readAll(path);
    const auto result = ManagedBlock::applyToFile(path, overrideText(QStringLiteral("192.0.2.7")), "\n");
    QVERIFY(!result.ok);
    QVERIFY(!result.changed);
    QVERIFY2(result.error.contains(path) || result.error.contains(QStringLiteral("/proc/")), qPrintable(result.error));
    QVERIFY2(result.error.contains(QStringLiteral("writ")), qPrintable(result.error));
    QCOMPARE(readAll(path), before);
}

void TestManagedBlock::testMissingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nope"));
    const auto result = ManagedBlock::revertFile(path);
    QVERIFY(!result.ok);
    QVERIFY(result.error.contains(QStringLiteral("does not exist")));
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestManagedBlock)
#include "TestManagedBlock.moc"
