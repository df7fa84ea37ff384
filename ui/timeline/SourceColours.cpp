#include "ui/timeline/SourceColours.h"

#include <array>
#include <cmath>

namespace pdnsw {

QColor defaultSourceColour(int index)
{
    static constexpr std::array<QRgb, 9> palette{
        0x4e79a7, 0xf28e2b, 0x59a14f, 0xb07aa1, 0x76b7b2, 0xedc948, 0x9c755f, 0xff9da7, 0x6b6ecf};
    if (index < 0)
        index = 0;
    if (index < int(palette.size()))
        return QColor::fromRgb(palette[size_t(index)]);
    double hue = std::fmod(0.11 + (index - int(palette.size())) * 0.618033988749895, 1.0);
    // Skip the reds (hue near 0): they belong to negative answers.
    hue = 0.06 + hue * 0.88;
    return QColor::fromHsvF(float(hue), 0.55f, 0.85f);
}

} // namespace pdnsw
