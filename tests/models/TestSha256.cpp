// SHA-256 through libcrypto: the published test vectors, agreement with Qt's independent implementation on data
// cut at every awkward size, and the file helper's size, errors and cancel.
#include "models/Sha256.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace pdnsw;

class TestSha256 : public QObject
{
    Q_OBJECT
private slots:
    void vectors_data();
    void vectors();
    void piecesMatchQt_data();
    void piecesMatchQt();
    void file_data();
    void file();
    void unreadableFileNamesIt();
    void cancelStopsHashing();
};

void TestSha256::vectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("digest");
    // FIPS 180-2 appendix B and the empty message.
    QTest::newRow("empty") << QByteArray() << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    QTest::newRow("abc") << QByteArray("abc") << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    QTest::newRow("two blocks") << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                                << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    QTest::newRow("a million a") << QByteArray(1000000, 'a')
                                 << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
}

void TestSha256::vectors()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, digest);
    Sha256 hash;
    hash.addData(input);
    QCOMPARE(hash.hexResult(), digest);
}

void TestSha256::piecesMatchQt_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("piece");
    for (int size : {1, 55, 56, 63, 64, 65, 127, 128, 4097, 100003})
        for (int piece : {1, 3, 64, 1000})
            QTest::addRow("%d bytes in pieces of %d", size, piece) << size << piece;
}

void TestSha256::piecesMatchQt()
{
    QFETCH(int, size);
    QFETCH(int, piece);
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator random(size * 31 + piece);
    for (char& c : data)
        c = static_cast<char>(random.bounded(256));
    Sha256 hash;
    for (int at = 0; at < size; at += piece)
        hash.addData(QByteArrayView(data.constData() + at, std::min(piece, size - at)));
    QCOMPARE(hash.hexResult(), QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
}

void TestSha256::file_data()
{
    QTest::addColumn<qint64>("size");
    // Empty, one byte, and sizes either side of the helper's 1 MiB read.
    for (qint64 size :
        {qint64(0), qint64(1), qint64(1 << 20) - 1, qint64(1 << 20), qint64(1 << 20) + 1, qint64(3 << 20) + 17})
        QTest::addRow("%lld bytes", size) << size;
}

void TestSha256::file()
{
    QFETCH(qint64, size);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("input.bin"));
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator random(static_cast<quint32>(size));
    for (char& c : data)
        c = static_cast<char>(random.bounded(256));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    QCOMPARE(out.write(data), size);
    out.close();

    QString error;
    qint64 hashed = -1;
    const std::optional<QString> digest = fileSha256(path, nullptr, &error, &hashed);
    QVERIFY2(digest, qPrintable(error));
    QCOMPARE(*digest, QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(hashed, size);
}

void TestSha256::unreadableFileNamesIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.pcap"));
    QString error;
    QVERIFY(!fileSha256(path, nullptr, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

void TestSha256::cancelStopsHashing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("input.bin"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QByteArray(1 << 20, 'x'));
    out.close();
    const std::atomic<bool> cancel{true};
    QString error;
    QVERIFY(!fileSha256(path, &cancel, &error));
    QVERIFY2(error.contains(QStringLiteral("cancelled")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSha256)
#include "TestSha256.moc"
