#include "ui/graph/ForceLayout.h"

#include <QHash>
#include <QLineF>

#include <QRectF>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace pdnsw {

namespace {

constexpr double kCooling = 0.9; // Hu's step factor
constexpr int kMaxDepth = 40; // coincident points stop subdividing here

struct Cell
{
    double cx = 0, cy = 0, half = 0; // square bounds
    double mass = 0, mx = 0, my = 0; // total mass and mass-weighted position sum
    int child[4] = {-1, -1, -1, -1};
    int body = -1; // leaf: the body it holds (or one of several coincident bodies)
    bool leaf = true;
};

class QuadTree
{
public:
    explicit QuadTree(const QList<QPointF>& points)
        : m_points(points)
    {
        m_cells.reserve(size_t(points.size()) * 2 + 1);
        double minX = 0, minY = 0, maxX = 0, maxY = 0;
        for (qsizetype i = 0; i < points.size(); ++i) {
            const QPointF& p = points.at(i);
            if (i == 0 || p.x() < minX)
                minX = p.x();
            if (i == 0 || p.y() < minY)
                minY = p.y();
            if (i == 0 || p.x() > maxX)
                maxX = p.x();
            if (i == 0 || p.y() > maxY)
                maxY = p.y();
        }
        Cell root;
        root.cx = (minX + maxX) / 2;
        root.cy = (minY + maxY) / 2;
        root.half = std::max({maxX - minX, maxY - minY, 1.0}) / 2 + 1;
        m_cells.push_back(root);
        for (int i = 0; i < int(points.size()); ++i)
            insert(i);
    }

    // Repulsion on body i: sum of K^2 * mass / d along the separation, far cells as one mass.
    QPointF force(int i, double k2, double theta2) const
    {
        const QPointF p = m_points.at(i);
        double fx = 0, fy = 0;
        int stack[4 * kMaxDepth + 8];
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            const Cell& c = m_cells[size_t(stack[--top])];
            if (c.mass <= 0)
                continue;
            double mass = c.mass;
            double comX = c.mx / c.mass;
            double comY = c.my / c.mass;
            if (c.leaf && c.body >= 0 && m_points.at(c.body) == p) {
                // Our own leaf (or bodies sitting exactly on us): leave ourselves out.
                mass -= 1;
                if (mass <= 0)
                    continue;
                // Coincident bodies push apart in a direction derived from the index, not at random.
                const double angle = double(i) * 2.399963;
                fx += std::cos(angle) * k2 * mass;
                fy += std::sin(angle) * k2 * mass;
                continue;
            }
            const double dx = p.x() - comX;
            const double dy = p.y() - comY;
            const double d2 = std::max(dx * dx + dy * dy, 1e-6);
            const double size = 2 * c.half;
            if (c.leaf || size * size < theta2 * d2) {
                fx += dx * k2 * mass / d2;
                fy += dy * k2 * mass / d2;
                continue;
            }
            for (int q = 0; q < 4; ++q) {
                if (c.child[q] >= 0)
                    stack[top++] = c.child[q];
            }
        }
        return {fx, fy};
    }

private:
    int quadrant(const Cell& c, const QPointF& p) const { return (p.x() >= c.cx ? 1 : 0) + (p.y() >= c.cy ? 2 : 0); }

    int makeChild(int parent, int q)
    {
        Cell child;
        const Cell& c = m_cells[size_t(parent)];
        child.half = c.half / 2;
        child.cx = c.cx + ((q & 1) ? child.half : -child.half);
        child.cy = c.cy + ((q & 2) ? child.half : -child.half);
        m_cells.push_back(child);
        const int index = int(m_cells.size()) - 1;
        m_cells[size_t(parent)].child[q] = index;
        return index;
    }

    void insert(int body)
    {
        const QPointF p = m_points.at(body);
        int cell = 0;
        for (int depth = 0;; ++depth) {
            Cell& c = m_cells[size_t(cell)];
            c.mass += 1;
            c.mx += p.x();
            c.my += p.y();
            if (c.leaf) {
                if (c.body < 0) {
                    c.body = body;
                    return;
                }
                if (depth >= kMaxDepth || m_points.at(c.body) == p)
                    return; // coincident: the leaf just gets heavier
                // Split: push the resident body one level down, then keep descending with ours.
                const int resident = c.body;
                c.leaf = false;
                c.body = -1;
                const QPointF rp = m_points.at(resident);
                const int q = quadrant(m_cells[size_t(cell)], rp);
                const int child = makeChild(cell, q);
                Cell& rc = m_cells[size_t(child)];
                rc.mass = 1;
                rc.mx = rp.x();
                rc.my = rp.y();
                rc.body = resident;
            }
            const int q = quadrant(m_cells[size_t(cell)], p);
            int next = m_cells[size_t(cell)].child[q];
            if (next < 0)
                next = makeChild(cell, q);
            cell = next;
        }
    }

    const QList<QPointF>& m_points;
    std::vector<Cell> m_cells;
};

} // namespace

ForceLayout::ForceLayout(int nodeCount, const QList<std::pair<int, int>>& edges, const Options& options)
    : m_count(std::max(0, nodeCount))
    , m_options(options)
{
    m_adjacency.resize(m_count);
    for (const auto& [a, b] : edges) {
        if (a < 0 || b < 0 || a >= m_count || b >= m_count || a == b)
            continue;
        m_edges.append({a, b});
        m_adjacency[a].append(b);
        m_adjacency[b].append(a);
    }
    m_positions.resize(m_count);
    m_pinned.fill(false, m_count);
    m_step = m_options.edgeLength;
}

void ForceLayout::setInitialPositions(const QList<QPointF>& positions, const QList<bool>& known)
{
    QList<bool> mask(m_count, false);
    for (int i = 0; i < m_count && i < positions.size() && i < known.size(); ++i) {
        if (known.at(i) && std::isfinite(positions.at(i).x()) && std::isfinite(positions.at(i).y())) {
            m_positions[i] = positions.at(i);
            mask[i] = true;
        }
    }
    placeUnknown(mask);
    // A warm start needs less shaking: start with a smaller step.
    if (std::count(mask.cbegin(), mask.cend(), true) > m_count / 2)
        m_step = m_options.edgeLength * 0.2;
}

void ForceLayout::setPinned(const QList<bool>& pinned)
{
    for (int i = 0; i < m_count; ++i)
        m_pinned[i] = i < pinned.size() && pinned.at(i);
}

void ForceLayout::placeUnknown(const QList<bool>& known)
{
    // Each unplaced node goes next to a placed neighbour (breadth first), so the start is already unfolded;
    // a component with nothing placed starts somewhere in a disc sized for the whole graph.
    std::mt19937 random(m_options.seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const double k = m_options.edgeLength;
    const double radius = k * std::sqrt(double(std::max(1, m_count))) * 0.6;
    QList<bool> placed = known;
    QList<int> queue;
    for (int i = 0; i < m_count; ++i) {
        if (placed.at(i))
            queue.append(i);
    }
    auto spread = [&](qsizetype from) {
        for (qsizetype head = from; head < queue.size(); ++head) {
            const int node = queue.at(head);
            for (int neighbour : std::as_const(m_adjacency.at(node))) {
                if (placed.at(neighbour))
                    continue;
                const double angle = unit(random) * 2 * M_PI;
                m_positions[neighbour] = m_positions.at(node) + QPointF(std::cos(angle), std::sin(angle)) * k;
                placed[neighbour] = true;
                queue.append(neighbour);
            }
        }
    };
    spread(0);
    for (int i = 0; i < m_count; ++i) {
        if (placed.at(i))
            continue;
        const double angle = unit(random) * 2 * M_PI;
        const double r = radius * std::sqrt(unit(random));
        m_positions[i] = QPointF(std::cos(angle) * r, std::sin(angle) * r);
        placed[i] = true;
        const qsizetype from = queue.size();
        queue.append(i);
        spread(from);
    }
    m_placed = true;
}

void ForceLayout::repulsionBarnesHut(QList<QPointF>& forces) const
{
    const QuadTree tree(m_positions);
    const double k2 = m_options.edgeLength * m_options.edgeLength;
    const double theta2 = m_options.theta * m_options.theta;
    for (int i = 0; i < m_count; ++i)
        forces[i] += tree.force(i, k2, theta2);
}

void ForceLayout::repulsionExact(QList<QPointF>& forces) const
{
    const double k2 = m_options.edgeLength * m_options.edgeLength;
    for (int i = 0; i < m_count; ++i) {
        for (int j = i + 1; j < m_count; ++j) {
            QPointF d = m_positions.at(i) - m_positions.at(j);
            double d2 = d.x() * d.x() + d.y() * d.y();
            if (d2 < 1e-6) {
                const double angle = double(i) * 2.399963;
                d = QPointF(std::cos(angle), std::sin(angle));
                d2 = 1;
            }
            const QPointF f = d * (k2 / d2);
            forces[i] += f;
            forces[j] -= f;
        }
    }
}

bool ForceLayout::step()
{
    if (m_converged || m_count == 0) {
        m_converged = true;
        return false;
    }
    if (!m_placed)
        placeUnknown(QList<bool>(m_count, false));
    const double k = m_options.edgeLength;
    QList<QPointF> forces(m_count, QPointF());
    if (m_options.exactRepulsion)
        repulsionExact(forces);
    else
        repulsionBarnesHut(forces);
    for (const auto& [a, b] : std::as_const(m_edges)) {
        const QPointF d = m_positions.at(b) - m_positions.at(a);
        const double length = std::hypot(d.x(), d.y());
        const QPointF f = d * (length / k);
        forces[a] += f;
        forces[b] -= f;
    }
    QPointF centre;
    for (const QPointF& p : std::as_const(m_positions))
        centre += p;
    centre /= double(m_count);

    double energy = 0;
    double moved = 0;
    int movable = 0;
    for (int i = 0; i < m_count; ++i) {
        if (m_pinned.at(i))
            continue;
        QPointF f = forces.at(i) - (m_positions.at(i) - centre) * m_options.gravity;
        const double magnitude = std::hypot(f.x(), f.y());
        energy += magnitude * magnitude;
        ++movable;
        if (magnitude <= 1e-9 || !std::isfinite(magnitude))
            continue;
        const double length = std::min(m_step, magnitude);
        m_positions[i] += f * (length / magnitude);
        moved += length;
    }
    // Hu's adaptive step: grow after five improving steps in a row, shrink as soon as energy rises.
    if (m_iteration > 0 && energy < m_energy) {
        if (++m_progress >= 5) {
            m_progress = 0;
            m_step /= kCooling;
        }
    } else {
        m_progress = 0;
        m_step *= kCooling;
    }
    m_energy = energy;
    ++m_iteration;
    if (movable == 0 || (m_iteration > 20 && moved / movable < m_options.tolerance * k)
        || m_iteration >= m_options.maxIterations)
        m_converged = true;
    return !m_converged;
}

int ForceLayout::run(const std::atomic_bool* cancel, const std::function<void(int, const QList<QPointF>&)>& progress,
    int progressInterval)
{
    const int start = m_iteration;
    while (step()) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            break;
        if (progress && progressInterval > 0 && m_iteration % progressInterval == 0)
            progress(m_iteration, positions());
    }
    return m_iteration - start;
}

QList<QPointF> ForceLayout::positions() const
{
    if (m_count == 0 || std::find(m_pinned.cbegin(), m_pinned.cend(), true) != m_pinned.cend())
        return m_positions;
    // Components by breadth-first search, in order of their lowest node so the packing is stable.
    QList<int> component(m_count, -1);
    QList<QList<int>> members;
    for (int start = 0; start < m_count; ++start) {
        if (component.at(start) >= 0)
            continue;
        const int id = int(members.size());
        members.append(QList<int>{start});
        component[start] = id;
        for (qsizetype head = 0; head < members[id].size(); ++head) {
            for (int next : m_adjacency.at(members[id].at(head))) {
                if (component.at(next) < 0) {
                    component[next] = id;
                    members[id].append(next);
                }
            }
        }
    }
    if (members.size() == 1)
        return m_positions;
    QList<QRectF> boxes;
    double area = 0;
    for (const QList<int>& nodes : std::as_const(members)) {
        // QRectF::united ignores empty rectangles, so the bounds are gathered by hand.
        QPointF low = m_positions.at(nodes.first());
        QPointF high = low;
        for (int n : nodes) {
            low = QPointF(std::min(low.x(), m_positions.at(n).x()), std::min(low.y(), m_positions.at(n).y()));
            high = QPointF(std::max(high.x(), m_positions.at(n).x()), std::max(high.y(), m_positions.at(n).y()));
        }
        QRectF box(low, high);
        box.adjust(
            -m_options.edgeLength / 2, -m_options.edgeLength / 2, m_options.edgeLength / 2, m_options.edgeLength / 2);
        boxes.append(box);
        area += box.width() * box.height();
    }
    QList<int> order(members.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(
        order.begin(), order.end(), [&](int a, int b) { return members.at(a).size() > members.at(b).size(); });
    // Shelf packing: rows of components, biggest first, about as wide as the whole is tall.
    const double rowWidth = std::max(boxes.at(order.first()).width(), std::sqrt(area) * 1.3);
    QList<QPointF> packed = m_positions;
    double x = 0, y = 0, rowHeight = 0;
    for (int c : std::as_const(order)) {
        const QRectF& box = boxes.at(c);
        if (x > 0 && x + box.width() > rowWidth) {
            x = 0;
            y += rowHeight;
            rowHeight = 0;
        }
        const QPointF shift = QPointF(x, y) - box.topLeft();
        for (int n : members.at(c))
            packed[n] = m_positions.at(n) + shift;
        x += box.width();
        rowHeight = std::max(rowHeight, box.height());
    }
    return packed;
}

ForceLayout::Quality ForceLayout::measure(
    const QList<QPointF>& positions, const QList<std::pair<int, int>>& edges, double minDistance)
{
    Quality quality;
    // Grid of minDistance cells: only neighbouring cells can hold overlapping pairs.
    QHash<quint64, QList<int>> grid;
    auto key = [](qint64 x, qint64 y) { return (quint64(quint32(qint32(x))) << 32) | quint32(qint32(y)); };
    const double cell = std::max(minDistance, 1e-6);
    for (int i = 0; i < int(positions.size()); ++i)
        grid[key(qint64(std::floor(positions[i].x() / cell)), qint64(std::floor(positions[i].y() / cell)))].append(i);
    for (int i = 0; i < int(positions.size()); ++i) {
        const qint64 cx = qint64(std::floor(positions[i].x() / cell));
        const qint64 cy = qint64(std::floor(positions[i].y() / cell));
        for (qint64 dx = -1; dx <= 1; ++dx) {
            for (qint64 dy = -1; dy <= 1; ++dy) {
                for (int j : grid.value(key(cx + dx, cy + dy))) {
                    if (j > i && QLineF(positions[i], positions[j]).length() < minDistance)
                        ++quality.overlappingPairs;
                }
            }
        }
    }
    QList<double> lengths;
    for (const auto& [a, b] : edges) {
        if (a >= 0 && b >= 0 && a < positions.size() && b < positions.size())
            lengths.append(QLineF(positions[a], positions[b]).length());
    }
    if (!lengths.isEmpty()) {
        std::sort(lengths.begin(), lengths.end());
        quality.medianEdgeLength = lengths.at(lengths.size() / 2);
        quality.longestEdgeLength = lengths.last();
    }
    return quality;
}

} // namespace pdnsw
