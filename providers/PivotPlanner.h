#pragma once

#include "models/Observation.h"
#include "providers/ProviderConfig.h"
#include "providers/ProviderTypes.h"

#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace pdnsw {

class ProviderQueryLog;

// Breadth-first pivoting: a name's answers give addresses (A/AAAA rdata), an address's answers give names
// (the rrnames that pointed at it). Each level is de-duplicated against everything asked before, and its cost
// is previewed per provider against the provider's remaining daily budget before any request is made.
class PivotPlanner
{
public:
    explicit PivotPlanner(int maxQuestionsPerLevel = 200);

    // Marks questions as asked (the starting question, or a level about to run).
    void markAsked(const QString& questionText);
    bool wasAsked(const QString& questionText) const { return m_asked.contains(questionText); }
    // The next level's questions from one question's answers, not yet asked, in first-seen order.
    QList<ProviderQuestion> nextQuestions(const ProviderQuestion& asked, const QList<Observation>& answers) const;
    struct Level
    {
        QList<ProviderQuestion> questions;
        int leftOut = 0; // new questions found beyond the cap, not asked
    };
    // Merges and caps the next level (dedups across the answers of several questions). The questions take turns,
    // one new question from each in order, so a shared address with hundreds of names cannot crowd out the others.
    Level nextLevel(const QList<QPair<ProviderQuestion, QList<Observation>>>& answers);
    int maxQuestionsPerLevel() const { return m_maxPerLevel; }
    // What the analyst is told when a level was capped ("102 more left out: ..."); empty when nothing was.
    QString leftOutNote(const Level& level) const;

    struct CostLine
    {
        QString provider;
        int questions = 0; // questions this provider can answer in the level
        int cached = 0; // of them answered from the case's cache (free)
        int requests = 0; // at least this many requests for the rest
        int dailyBudget = 0; // 0 = unknown
        int usedToday = 0; // requests already logged in this case since 00:00 UTC
        std::optional<int> remaining;
    };
    // `isCached(provider, question)` says whether the cache would answer it.
    static QList<CostLine> preview(const QList<ProviderQuestion>& level, const QList<ProviderConfig>& providers,
        const std::function<bool(const ProviderConfig&, const ProviderQuestion&)>& isCached,
        const ProviderQueryLog* log);
    // Above the threshold (total requests), or beyond some provider's remaining budget, ask first.
    static bool needsConfirmation(const QList<CostLine>& cost, int threshold);
    static QString describe(const QList<CostLine>& cost);

private:
    int m_maxPerLevel;
    QSet<QString> m_asked;
};

} // namespace pdnsw
