#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace pdnsw {

// Where requests may go and how their URLs are built. Base URLs must be https; plain http is accepted only for
// loopback hosts (127.0.0.0/8, ::1, localhost), for local mirrors and tests. Paths are built from segments,
// each percent-encoded whole, so a hostile name ("a/../b?x#y", CR/LF) stays one segment.
namespace UrlPolicy {

bool isLoopbackHost(const QString& host);
// Empty when the URL may be used as a base or request URL; else why not (naming the URL).
QString checkUrl(const QString& url);
// "https://host/prefix" + {"dnsdb","v2","lookup","rrset","name", name} + query -> URL text.
QString build(const QString& baseUrl, const QStringList& segments, const QList<QPair<QString, QString>>& query = {});
// Every byte outside RFC 3986 unreserved characters percent-encoded (':' too, as DNSDB asks for IPv6).
QString encodeSegment(const QString& segment);
// libcurl's protocol list for a URL: "https", or "http" for plain http to loopback.
QByteArray protocolsFor(const QString& url);
// A redirect or "next page" link the server gave: allowed only to https (or loopback http when the original
// was), and only to the same host and port, so credentials never travel elsewhere. Empty when allowed.
QString checkFollowUp(const QString& fromUrl, const QString& toUrl);

} // namespace UrlPolicy

} // namespace pdnsw
