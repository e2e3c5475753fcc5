#pragma once

#include "models/repository.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace FrontDesk {

// What the line was told at each step of a call the agent answered (the provider's TwiML), so that a
// webhook the provider delivers again is answered with the same reply and nothing is done twice.
class VoiceReplyRepository : public Repository
{
public:
    using Repository::Repository;
    // Keeps the first reply of a step; a second save of the same step changes nothing (true).
    bool save(const QString &callSid, int step, const QByteArray &reply);
    std::optional<QByteArray> find(const QString &callSid, int step) const;
};

} // namespace FrontDesk
