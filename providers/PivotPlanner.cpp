#include "providers/PivotPlanner.h"

#include "models/ProviderQueryLog.h"
#include "providers/Provider.h"
#include "providers/ProviderRegistry.h"

#include <QDateTime>
#include <QTimeZone>

#include <functional>

namespace pdnsw {

PivotPlanner::PivotPlanner(int maxQuestionsPerLevel)
    : m_maxPerLevel(std::max(1, maxQuestionsPerLevel))
{
}

void PivotPlanner::markAsked(const QString& questionText)
{
    m_asked.insert(questionText);
}

QList<ProviderQuestion> PivotPlanner::nextQuestions(
    const ProviderQuestion& asked, const QList<Observation>& answers) const
{
    QList<ProviderQuestion> out;
    QSet<QString> here;
    for (const Observation& o : answers) {
        if (o.section == Section::Negative)
            continue;
        QString candidate;
        if (asked.kind == ProviderQuestion::Kind::Name) {
            if (o.rrtype != QLatin1String("A") && o.rrtype != QLatin1String("AAAA"))
                continue;
            candidate = o.rdata;
        } else {
            candidate = o.rrname;
        }
        if (candidate.isEmpty() || m_asked.contains(candidate) || here.contains(candidate))
            continue;
        // Answers are attacker-controlled: they become questions only after the same validation as typed input.
        const auto q = parseQuestion(candidate, nullptr);
        if (!q || q->kind == ProviderQuestion::Kind::Cidr)
            continue;
        ProviderQuestion next = *q;
        next.since = asked.since;
        next.until = asked.until;
        next.limit = asked.limit;
        here.insert(next.text);
        out.append(next);
    }
    return out;
}

PivotPlanner::Level PivotPlanner::nextLevel(const QList<QPair<ProviderQuestion, QList<Observation>>>& answers)
{
    QList<QList<ProviderQuestion>> candidates;
    candidates.reserve(answers.size());
    for (const auto& [asked, observations] : answers)
        candidates.append(nextQuestions(asked, observations));
    Level level;
    for (qsizetype turn = 0;; ++turn) {
        bool more = false;
        for (const QList<ProviderQuestion>& list : std::as_const(candidates)) {
            if (turn >= list.size())
                continue;
            more = true;
            const ProviderQuestion& q = list.at(turn);
            if (m_asked.contains(q.text))
                continue;
            m_asked.insert(q.text);
            if (level.questions.size() < m_maxPerLevel)
                level.questions.append(q);
            else
                ++level.leftOut; // counted once: it is in m_asked now, as if asked
        }
        if (!more)
            return level;
    }
}

QString PivotPlanner::leftOutNote(const Level& level) const
{
    if (level.leftOut == 0)
        return {};
    return QStringLiteral("%1 more left out: at most %2 questions a level").arg(level.leftOut).arg(m_maxPerLevel);
}

QList<PivotPlanner::CostLine> PivotPlanner::preview(const QList<ProviderQuestion>& level,
    const QList<ProviderConfig>& providers,
    const std::function<bool(const ProviderConfig&, const ProviderQuestion&)>& isCached, const ProviderQueryLog* log)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 midnight = QDateTime(now.date(), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    QList<CostLine> lines;
    for (const ProviderConfig& config : providers) {
        const Provider* p = providerById(config.descriptor.id);
        if (!p)
            continue;
        CostLine line;
        line.provider = config.descriptor.id;
        line.dailyBudget = config.dailyBudget;
        for (const ProviderQuestion& q : level) {
            if (!p->unsupportedReason(q).isEmpty())
                continue;
            ++line.questions;
            if (isCached && isCached(config, q))
                ++line.cached;
            else
                line.requests += p->estimatedRequests(q);
        }
        if (log) {
            for (const ProviderQueryRecord& r : log->queries(config.descriptor.id)) {
                if (r.startedAt >= midnight)
                    line.usedToday += std::max(1, r.pages);
            }
        }
        if (line.dailyBudget > 0)
            line.remaining = std::max(0, line.dailyBudget - line.usedToday);
        lines.append(line);
    }
    return lines;
}

bool PivotPlanner::needsConfirmation(const QList<CostLine>& cost, int threshold)
{
    int total = 0;
    for (const CostLine& c : cost) {
        total += c.requests;
        if (c.remaining && c.requests > *c.remaining)
            return true;
    }
    return total > threshold;
}

QString PivotPlanner::describe(const QList<CostLine>& cost)
{
    QString text;
    for (const CostLine& c : cost) {
        if (c.questions == 0)
            continue;
        text += QStringLiteral("  %1: %2 question(s), %3 from the case cache, at least %4 request(s)")
                    .arg(c.provider.leftJustified(15))
                    .arg(c.questions)
                    .arg(c.cached)
                    .arg(c.requests);
        if (c.remaining)
            text += QStringLiteral(", budget %1 left of %2 today").arg(*c.remaining).arg(c.dailyBudget);
        else
            text += QStringLiteral(", budget not published");
        text += QLatin1Char('\n');
    }
    return text;
}

} // namespace pdnsw
