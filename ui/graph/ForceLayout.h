#pragma once

#include <QList>
#include <QPointF>

#include <atomic>
#include <functional>
#include <utility>

namespace pdnsw {

// A force-directed layout of our own: Fruchterman-Reingold forces (springs along edges, repulsion between all
// nodes through a Barnes-Hut quadtree, so a step costs O(n log n)), a weak pull towards the centre so
// components stay together, and Hu's adaptive step length to converge. Pure computation: no Qt widgets,
// no threads; the caller runs it on a worker and polls cancel.
class ForceLayout
{
public:
    struct Options
    {
        double edgeLength = 60.0; // natural distance K between linked nodes
        double theta = 0.9; // Barnes-Hut opening criterion: larger is faster and coarser
        double gravity = 0.02;
        double tolerance = 0.01; // converged when the mean move is below tolerance * K
        int maxIterations = 600;
        quint32 seed = 1;
        bool exactRepulsion = false; // O(n^2) forces, for measuring the quadtree against
    };

    ForceLayout(int nodeCount, const QList<std::pair<int, int>>& edges, const Options& options);
    ForceLayout(int nodeCount, const QList<std::pair<int, int>>& edges)
        : ForceLayout(nodeCount, edges, Options{})
    {
    }

    // Warm start: nodes with known[i] keep their position as a start; the others are placed next to an
    // already placed neighbour. Pinned nodes never move.
    void setInitialPositions(const QList<QPointF>& positions, const QList<bool>& known);
    void setPinned(const QList<bool>& pinned);

    // One iteration; false once converged or out of iterations.
    bool step();
    // Runs to convergence, calling progress (iteration, positions) every progressInterval iterations; stops
    // early when cancel becomes true. Returns the number of iterations done.
    int run(const std::atomic_bool* cancel = nullptr,
        const std::function<void(int, const QList<QPointF>&)>& progress = {}, int progressInterval = 10);

    // The positions with separate components packed side by side (a force layout alone pushes unconnected
    // parts far apart); unchanged when a node is pinned, since then the analyst arranged the picture.
    QList<QPointF> positions() const;
    const QList<QPointF>& rawPositions() const { return m_positions; }
    int iterations() const { return m_iteration; }
    bool converged() const { return m_converged; }
    const Options& options() const { return m_options; }

    // Readability of a layout: node pairs closer than minDistance, and edge lengths relative to K.
    struct Quality
    {
        int overlappingPairs = 0;
        double medianEdgeLength = 0;
        double longestEdgeLength = 0;
    };
    static Quality measure(
        const QList<QPointF>& positions, const QList<std::pair<int, int>>& edges, double minDistance);

private:
    void placeUnknown(const QList<bool>& known);
    void repulsionBarnesHut(QList<QPointF>& forces) const;
    void repulsionExact(QList<QPointF>& forces) const;

    int m_count = 0;
    QList<std::pair<int, int>> m_edges;
    QList<QList<int>> m_adjacency;
    Options m_options;
    QList<QPointF> m_positions;
    QList<bool> m_pinned;
    double m_step = 0;
    double m_energy = 0;
    int m_progress = 0;
    int m_iteration = 0;
    bool m_converged = false;
    bool m_placed = false;
};

} // namespace pdnsw
