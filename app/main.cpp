// pdnsw: the workbench window. Wiring only: parse the command line, open the case, queue the imports, show.
#include "models/EnglishPlurals.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("PDNS Workbench"));
    QApplication::setOrganizationName(QStringLiteral("pdnsw"));
    QApplication::setApplicationVersion(QStringLiteral(PDNSW_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/pdnsw/pdnsw.svg")));
    pdnsw::EnglishPlurals plurals; // "1 edge", not "1 edge(s)"
    QApplication::installTranslator(&plurals);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Passive DNS investigation workbench"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("Case file to open (created if missing)"),
        QStringLiteral("[CASE_FILE]"));
    parser.addPositionalArgument(
        QStringLiteral("files"), QStringLiteral("Files to import into the case"), QStringLiteral("[FILES...]"));
    parser.process(app);

    pdnsw::MainWindow window;
    const QStringList args = parser.positionalArguments();
    if (!args.isEmpty()) {
        window.importAfterOpen(args.mid(1));
        window.openCase(args.first(), true);
    }
    window.show();
    return QApplication::exec();
}
