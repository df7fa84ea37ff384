#pragma once

#include "ProviderTestServer.h"

#include "providers/HttpEngine.h"
#include "providers/ProviderConfig.h"

#include <QStringList>

// Runs one engine job to its end and keeps everything it streamed.
struct JobRun
{
    pdnsw::ProviderJobResult result;
    QList<pdnsw::ProviderPage> pages;
    QList<pdnsw::Observation> observations; // from pages, plus folded ones at the end
    QStringList progress;
    bool timedOut = false;
};

JobRun runJob(pdnsw::HttpEngine& engine, const pdnsw::ProviderConfig& config, const QString& question, int limit = 0,
    int timeoutMs = 30000, int cancelAfterMs = -1);

// A provider configured against the local server: fast rate limits, short timeouts, small pages so paging shows.
pdnsw::ProviderConfig testConfig(const ProviderTestServer& server, const QString& provider, const QString& baseUrl);
