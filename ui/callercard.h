#pragma once

#include "models/callersummary.h"

#include <QFrame>

class QLabel;

namespace FrontDesk {

class BusinessProfile;
class Presentation;

// The caller beside the conversation: name and number, whether they are a customer and what we did
// for them last, what the agent has collected so far, the appointment, and who holds the thread.
// Shows a CallerSummary; reads nothing itself.
class CallerCard final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallerCard)
public:
    CallerCard(const Presentation &presentation, const BusinessProfile *profile, QWidget *parent = nullptr);
    ~CallerCard() override;

    void showSummary(const CallerSummary &summary);
    void clear();

private:
    QLabel *section(const QString &title, const QString &objectName);
    QString serviceName(const QString &id) const;

    const Presentation &m_presentation;
    const BusinessProfile *m_profile = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_phoneLabel = nullptr;
    QLabel *m_historyLabel = nullptr;
    QLabel *m_leadLabel = nullptr;
    QLabel *m_appointmentLabel = nullptr;
    QLabel *m_handlingLabel = nullptr;
};

} // namespace FrontDesk
