#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace pdnsw::test {

// One malformed-input case of reliability.md B.1: the message, the issues the decoder must report (as
// dnsIssueList prints them) and what must survive of it (as summarizeForTest prints it). Shared by
// TestDnsParser::testMalformed and the fuzz seed corpus, so each case is both a unit test and a fuzz seed.
struct MalformedCase
{
    QString name;
    QByteArray message;
    QString issues;
    QString survivors;
};

QList<MalformedCase> malformedCases();

} // namespace pdnsw::test
