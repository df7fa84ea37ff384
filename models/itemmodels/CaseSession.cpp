#include "models/itemmodels/CaseSession.h"

#include "models/CaseFile.h"
#include "models/CaseReader.h"

namespace pdnsw {

std::unique_ptr<CaseSession> CaseSession::open(const QString& path, CaseError* error)
{
    std::unique_ptr<CaseSession> session(new CaseSession);
    session->m_path = path;
    session->m_reader = CaseReader::open(path, error);
    if (!session->m_reader)
        return nullptr;
    // The reader has just validated the file; the second connection need not run quick_check again.
    CaseFile::Options options;
    options.runQuickCheck = false;
    session->m_readFile = CaseFile::open(path, CaseFile::Mode::ReadOnly, options, error);
    if (!session->m_readFile)
        return nullptr;
    return session;
}

CaseSession::~CaseSession() = default;

CaseFile* CaseSession::writeFile(CaseError* error)
{
    if (!m_writeFile) {
        CaseFile::Options options;
        options.runQuickCheck = false;
        m_writeFile = CaseFile::open(m_path, CaseFile::Mode::OpenExisting, options, error);
    }
    return m_writeFile.get();
}

} // namespace pdnsw
