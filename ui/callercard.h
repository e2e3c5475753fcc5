#pragma once

#include "models/callersummary.h"

#include <QFrame>
#include <memory>

class QLabel;
class QPushButton;

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
    CallerCard(
        const Presentation &presentation, std::shared_ptr<const BusinessProfile> profile, QWidget *parent = nullptr);
    ~CallerCard() override;

    void showSummary(const CallerSummary &summary);
    void clear();
    // A newly saved profile (service and technician names); the card keeps the snapshot it is given.
    void setProfile(std::shared_ptr<const BusinessProfile> profile) { m_profile = std::move(profile); }
    // Call back: the customer's open request for a call ("asked at 2:05 PM"; empty: none open), and
    // whether a call back is possible at all (a conversation is open).
    void showCallBack(bool available, const QString &requestedAt);

signals:
    void callBackRequested();

private:
    QLabel *section(const QString &title, const QString &objectName);
    QString serviceName(const QString &id) const;

    const Presentation &m_presentation;
    std::shared_ptr<const BusinessProfile> m_profile;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_phoneLabel = nullptr;
    QLabel *m_languageLabel = nullptr; // the tag of the language the caller writes in
    QLabel *m_historyLabel = nullptr;
    QLabel *m_leadLabel = nullptr;
    QLabel *m_appointmentLabel = nullptr;
    QLabel *m_handlingLabel = nullptr;
    QLabel *m_callBackLabel = nullptr;
    QPushButton *m_callBackButton = nullptr;
};

} // namespace FrontDesk
