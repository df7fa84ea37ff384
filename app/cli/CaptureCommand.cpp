#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"

#include "capture/packet/LiveCapture.h"
#include "models/CaseFile.h"
#include "models/ObservationWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <csignal>

namespace pdnsw::cli {
namespace {

std::atomic<bool> g_stopCapture{false};

extern "C" void stopCaptureOnSignal(int)
{
    g_stopCapture.store(true);
}

} // namespace

int runInterfaces(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the network interfaces libpcap can capture on."));
    addCommonOptions(parser);
    if (auto exit = processArgs(parser, args, false))
        return *exit;
    QString error;
    const QList<CaptureInterface> interfaces = listCaptureInterfaces(&error);
    if (!error.isEmpty()) {
        err() << "pdnsw-cli interfaces: " << error << "\n";
        return ExitFailure;
    }
    if (jsonOutput(parser)) {
        QJsonArray array;
        for (const CaptureInterface& i : interfaces) {
            array.append(QJsonObject{{QStringLiteral("name"), i.name}, {QStringLiteral("description"), i.description},
                {QStringLiteral("addresses"), QJsonArray::fromStringList(i.addresses)},
                {QStringLiteral("loopback"), i.loopback}, {QStringLiteral("up"), i.up},
                {QStringLiteral("running"), i.running}});
        }
        printJson(array);
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const CaptureInterface& i : interfaces) {
        QStringList flags;
        if (i.up)
            flags << QStringLiteral("up");
        if (i.running)
            flags << QStringLiteral("running");
        if (i.loopback)
            flags << QStringLiteral("loopback");
        rows.append({i.name, flags.join(QLatin1Char(',')), i.addresses.join(QLatin1Char(' ')), i.description});
    }
    printTable({QStringLiteral("INTERFACE"), QStringLiteral("FLAGS"), QStringLiteral("ADDRESSES"),
                   QStringLiteral("DESCRIPTION")},
        rows);
    return ExitOk;
}

int runCapture(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Capture DNS live on an interface into the case until Ctrl+C or --duration. Needs capture "
                       "privilege (root, or cap_net_raw,cap_net_admin on the binary)."));
    addCommonOptions(parser);
    parser.addOption({{QStringLiteral("i"), QStringLiteral("interface")},
        QStringLiteral("Interface to capture on (see `pdnsw-cli interfaces`)."), QStringLiteral("IF")});
    parser.addOption(
        {QStringLiteral("filter"), QStringLiteral("BPF capture filter, e.g. \"port 53\"."), QStringLiteral("BPF")});
    parser.addOption({QStringLiteral("duration"), QStringLiteral("Stop after S seconds."), QStringLiteral("S")});
    parser.addOption(
        {QStringLiteral("snaplen"), QStringLiteral("Bytes kept per packet (default 262144)."), QStringLiteral("N")});
    parser.addOption({QStringLiteral("promisc"), QStringLiteral("Put the interface in promiscuous mode.")});
    parser.addOption({QStringLiteral("save"), QStringLiteral("Also save the raw packets as evidence in FILE.pcapng."),
        QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("ports"), QStringLiteral("DNS ports, comma-separated (default 53)."), QStringLiteral("LIST")});
    parser.addOption({QStringLiteral("mdns"), QStringLiteral("Also record mDNS (UDP 5353), labelled as such.")});
    parser.addOption({QStringLiteral("llmnr"), QStringLiteral("Also record LLMNR (5355), labelled as such.")});
    if (auto exit = processArgs(parser, args))
        return *exit;

    LiveCaptureSettings settings;
    settings.interfaceName = parser.value(QStringLiteral("interface"));
    if (settings.interfaceName.isEmpty()) {
        err() << "pdnsw-cli capture: give the interface with -i IF (list them with `pdnsw-cli interfaces`).\n";
        return ExitUsage;
    }
    settings.filter = parser.value(QStringLiteral("filter"));
    settings.promiscuous = parser.isSet(QStringLiteral("promisc"));
    settings.savePath = parser.value(QStringLiteral("save"));
    if (parser.isSet(QStringLiteral("duration"))) {
        bool ok = false;
        settings.durationSeconds = parser.value(QStringLiteral("duration")).toInt(&ok);
        if (!ok || settings.durationSeconds <= 0) {
            err() << "pdnsw-cli capture: --duration takes a positive number of seconds.\n";
            return ExitUsage;
        }
    }
    if (parser.isSet(QStringLiteral("snaplen"))) {
        bool ok = false;
        settings.snaplen = parser.value(QStringLiteral("snaplen")).toInt(&ok);
        if (!ok || settings.snaplen < 64 || settings.snaplen > 262144) {
            err() << "pdnsw-cli capture: --snaplen takes a number of bytes from 64 to 262144.\n";
            return ExitUsage;
        }
    }
    if (parser.isSet(QStringLiteral("ports"))) {
        QString error;
        const auto ports = CaptureOptions::parsePorts(parser.value(QStringLiteral("ports")), &error);
        if (!ports) {
            err() << "pdnsw-cli capture: " << error << "\n";
            return ExitUsage;
        }
        settings.options.dnsPorts = *ports;
    }
    settings.options.mdns = parser.isSet(QStringLiteral("mdns"));
    settings.options.llmnr = parser.isSet(QStringLiteral("llmnr"));

    auto caseFile = openCaseForWriting(casePath(parser));
    if (!caseFile)
        return ExitFailure;
    LiveCaptureSession session(settings);
    QString error;
    if (!session.open(&error)) {
        err() << "pdnsw-cli capture: " << error << "\n";
        return ExitFailure;
    }
    ObservationWriter writer(*caseFile, 2000);
    g_stopCapture.store(false);
    std::signal(SIGINT, stopCaptureOnSignal);
    std::signal(SIGTERM, stopCaptureOnSignal);
    const bool json = jsonOutput(parser);
    if (!json) {
        err() << "capturing on " << settings.interfaceName
              << (settings.durationSeconds > 0 ? QStringLiteral(" for %1 s").arg(settings.durationSeconds)
                                               : QStringLiteral(" until Ctrl+C"))
              << "\n";
        err().flush();
    }
    const auto progress = [&](const LiveCaptureProgress& p) {
        if (json)
            return;
        err() << QStringLiteral("\r%1 packets  %2 DNS messages  %3 records  %4 errors  %5 dropped")
                     .arg(p.packets)
                     .arg(p.dnsMessages)
                     .arg(p.records)
                     .arg(p.errors)
                     .arg(p.dropped);
        err().flush();
    };
    const bool ok = session.runIntoCase(writer, g_stopCapture, progress, &error);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (!json)
        err() << "\n";
    if (json) {
        QJsonObject o = QJsonDocument::fromJson(session.statsJson().toUtf8()).object();
        o.insert(QStringLiteral("ok"), ok);
        o.insert(QStringLiteral("sourceId"), writer.sourceId());
        if (!ok)
            o.insert(QStringLiteral("error"), error);
        printJson(o);
    } else if (ok) {
        const PacketStats& s = session.stats();
        out() << QStringLiteral("captured %1 packets, %2 DNS messages, %3 records into source %4")
                     .arg(QString::number(s.packets), QString::number(s.dnsMessages),
                         QString::number(writer.stats().inserted), QString::number(writer.sourceId()));
        if (!settings.savePath.isEmpty())
            out() << "; packets saved to " << settings.savePath;
        if (const QString skipped = skippedLocalLinkSummary(s); !skipped.isEmpty())
            out() << "; " << skipped << " (capture with " << skippedLocalLinkFlags(s) << " to record them)";
        out() << "\n";
    }
    if (!ok) {
        err() << "pdnsw-cli capture: " << error << "\n";
        return ExitFailure;
    }
    return session.stats().problems > 0 ? ExitPartial : ExitOk;
}

} // namespace pdnsw::cli
