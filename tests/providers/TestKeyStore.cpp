// API keys in a real Secret Service: with-keyring.sh starts a private D-Bus session with a fresh GNOME keyring in
// a temporary home, so these run against the same keychain path as the window and never touch a user's keys.
#include "providers/KeyStore.h"
#include "providers/ProviderSettings.h"

#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>
#include <QTest>

using namespace pdnsw;

class TestKeyStore : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void storesReadsAndRemoves_data();
    void storesReadsAndRemoves();
    void unknownEntryIsNotAProblem();
    void environmentWinsOverKeychain();
    void keysStayOutOfFiles();
};

void TestKeyStore::initTestCase()
{
    // Only ever in the throw-away keyring and home of with-keyring.sh: these write keys and settings.
    const QString home = qEnvironmentVariable("PDNSW_TEST_KEYRING");
    QVERIFY2(!home.isEmpty() && !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
        "run through tests/providers/with-keyring.sh, which starts the D-Bus session and the keyring");
    QVERIFY2(
        ProviderSettings::filePath().startsWith(home + QLatin1Char('/')), qPrintable(ProviderSettings::filePath()));
}

void TestKeyStore::storesReadsAndRemoves_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("plain") << QStringLiteral("dnsdb") << QByteArray("dce-0123456789abcdef");
    QTest::newRow("odd bytes") << QStringLiteral("circl") << QByteArray("user:pa\x00ss\n\xff\x01 ", 15);
    QTest::newRow("long") << QStringLiteral("virustotal") << QByteArray(4096, 'k');
}

void TestKeyStore::storesReadsAndRemoves()
{
    QFETCH(QString, provider);
    QFETCH(QByteArray, key);
    QCOMPARE(KeyStore::write(provider, key), QString());
    KeyStore::ReadResult r = KeyStore::read(provider);
    QCOMPARE(r.problem, QString());
    QCOMPARE(r.key, key);

    // A second write replaces the first.
    const QByteArray replaced = key + "-rotated";
    QCOMPARE(KeyStore::write(provider, replaced), QString());
    QCOMPARE(KeyStore::read(provider).key, replaced);

    QCOMPARE(KeyStore::remove(provider), QString());
    r = KeyStore::read(provider);
    QCOMPARE(r.problem, QString());
    QVERIFY(r.key.isEmpty());
    QCOMPARE(KeyStore::remove(provider), QString()); // removing what is gone is not an error
}

void TestKeyStore::unknownEntryIsNotAProblem()
{
    const KeyStore::ReadResult r = KeyStore::read(QStringLiteral("otx"));
    QVERIFY(r.key.isEmpty());
    QCOMPARE(r.problem, QString());
}

void TestKeyStore::environmentWinsOverKeychain()
{
    QCOMPARE(KeyStore::write(QStringLiteral("mnemonic"), "from-keychain"), QString());
    qunsetenv("PDNSW_MNEMONIC_KEY");
    ProviderConfig c
        = ProviderSettings::load(QStringLiteral("mnemonic"), ProviderSettings::KeyLookup::EnvironmentThenKeychain);
    QCOMPARE(c.key, QByteArray("from-keychain"));
    QCOMPARE(c.keySource, ProviderConfig::KeySource::Keychain);
    QCOMPARE(c.keyProblem, QString());

    qputenv("PDNSW_MNEMONIC_KEY", "from-environment");
    c = ProviderSettings::load(QStringLiteral("mnemonic"), ProviderSettings::KeyLookup::EnvironmentThenKeychain);
    QCOMPARE(c.key, QByteArray("from-environment"));
    QCOMPARE(c.keySource, ProviderConfig::KeySource::Environment);

    // Scripts that must not touch the keychain do not get its key.
    qunsetenv("PDNSW_MNEMONIC_KEY");
    c = ProviderSettings::load(QStringLiteral("mnemonic"), ProviderSettings::KeyLookup::EnvironmentOnly);
    QVERIFY(c.key.isEmpty());
    QCOMPARE(KeyStore::remove(QStringLiteral("mnemonic")), QString());
}

void TestKeyStore::keysStayOutOfFiles()
{
    // A key in the keychain, a setting saved beside it: the settings file holds the setting and not the key.
    const QByteArray key = "secret-7f3a9c21-do-not-store";
    QCOMPARE(KeyStore::write(QStringLiteral("securitytrails"), key), QString());
    QString error;
    QVERIFY2(ProviderSettings::setValue(QStringLiteral("securitytrails/pageSize"), 50, &error), qPrintable(error));
    QVERIFY(!ProviderSettings::setValue(QStringLiteral("securitytrails/apiKey"), QString::fromLatin1(key), &error));
    QVERIFY(QFile::exists(ProviderSettings::filePath()));
    // Nothing under the temporary config home holds the key (the keyring's own files are encrypted elsewhere).
    QDirIterator it(qEnvironmentVariable("XDG_CONFIG_HOME"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(key), qPrintable(f.fileName()));
    }
    QCOMPARE(KeyStore::remove(QStringLiteral("securitytrails")), QString());
}

QTEST_GUILESS_MAIN(TestKeyStore)
#include "TestKeyStore.moc"
