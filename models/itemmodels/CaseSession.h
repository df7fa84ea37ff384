#pragma once

#include "models/CaseError.h"

#include <QString>

#include <memory>

namespace pdnsw {

class CaseFile;
class CaseReader;

// The connections the reader worker keeps for one open case. Lives on the worker thread only.
class CaseSession
{
public:
    static std::unique_ptr<CaseSession> open(const QString& path, CaseError* error);
    ~CaseSession();

    const QString& path() const { return m_path; }
    CaseReader& reader() { return *m_reader; }
    // A read-only connection for the notes and the provider log (their stores take a CaseFile).
    CaseFile& readFile() { return *m_readFile; }
    // A read-write connection for the analyst's notes and tags, opened on first use; null with the error set.
    CaseFile* writeFile(CaseError* error);

private:
    CaseSession() = default;
    QString m_path;
    std::unique_ptr<CaseReader> m_reader;
    std::unique_ptr<CaseFile> m_readFile;
    std::unique_ptr<CaseFile> m_writeFile;
};

} // namespace pdnsw
