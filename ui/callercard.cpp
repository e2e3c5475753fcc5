#include "ui/callercard.h"

#include "models/businessprofile.h"
#include "ui/presentation.h"

#include <QBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString row(const QString &label, const QString &value)
{
    return u"<tr><td style=\"padding-right:8px\"><i>%1</i></td><td>%2</td></tr>"_s.arg(
        label.toHtmlEscaped(), value.toHtmlEscaped());
}

QString table(const QStringList &rows)
{
    return u"<table cellspacing=\"0\" cellpadding=\"1\">"_s + rows.join(QString()) + u"</table>"_s;
}

QString money(double value)
{
    return u"$"_s + QLocale().toString(value, 'f', 0);
}

} // namespace

CallerCard::CallerCard(
    const Presentation &presentation, std::shared_ptr<const BusinessProfile> profile, QWidget *parent)
    : QFrame(parent)
    , m_presentation(presentation)
    , m_profile(std::move(profile))
{
    setObjectName(u"callerCard"_s);
    setAccessibleName(tr("Caller"));
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(4);

    m_nameLabel = new QLabel(this);
    m_nameLabel->setObjectName(u"callerNameLabel"_s);
    m_nameLabel->setWordWrap(true);
    m_nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_nameLabel->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_nameLabel->setFont(big);
    layout->addWidget(m_nameLabel);
    m_phoneLabel = new QLabel(this);
    m_phoneLabel->setObjectName(u"callerPhoneLabel"_s);
    m_phoneLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_phoneLabel);
    // Call back: the customer's wish for a call, and the call.
    m_callBackLabel = new QLabel(this);
    m_callBackLabel->setObjectName(u"callerCallBackLabel"_s);
    m_callBackLabel->setWordWrap(true);
    m_callBackLabel->setStyleSheet(u"QLabel { color: #92400e; font-weight: bold; }"_s);
    m_callBackLabel->setVisible(false);
    layout->addWidget(m_callBackLabel);
    m_callBackButton = new QPushButton(tr("Call back"), this);
    m_callBackButton->setObjectName(u"callerCallBackButton"_s);
    m_callBackButton->setAccessibleName(tr("Call the customer back"));
    m_callBackButton->setToolTip(tr("Call this customer (Ctrl+Shift+B)"));
    m_callBackButton->setEnabled(false);
    connect(m_callBackButton, &QPushButton::clicked, this, &CallerCard::callBackRequested);
    layout->addWidget(m_callBackButton, 0, Qt::AlignLeft);
    m_languageLabel = new QLabel(this);
    m_languageLabel->setObjectName(u"callerLanguageLabel"_s);
    m_languageLabel->setAccessibleName(tr("Language"));
    layout->addWidget(m_languageLabel);

    m_historyLabel = section(tr("Customer"), u"callerHistoryLabel"_s);
    m_leadLabel = section(tr("What the agent collected"), u"callerLeadLabel"_s);
    m_appointmentLabel = section(tr("Appointment"), u"callerAppointmentLabel"_s);
    m_handlingLabel = section(tr("Handled by"), u"callerHandlingLabel"_s);
    layout->addStretch(1);
    clear();
}

CallerCard::~CallerCard() = default;

QLabel *CallerCard::section(const QString &title, const QString &objectName)
{
    auto *heading = new QLabel(title, this);
    QFont f = heading->font();
    f.setBold(true);
    heading->setFont(f);
    heading->setContentsMargins(0, 8, 0, 0);
    layout()->addWidget(heading);
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setAccessibleName(title);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout()->addWidget(label);
    return label;
}

QString CallerCard::serviceName(const QString &id) const
{
    if (id.isEmpty())
        return {};
    const ServiceDef *service = m_profile ? m_profile->service(id) : nullptr;
    return service ? service->name : id;
}

void CallerCard::clear()
{
    m_nameLabel->setText(tr("No conversation open"));
    m_phoneLabel->clear();
    m_languageLabel->clear();
    for (QLabel *label : {m_historyLabel, m_leadLabel, m_appointmentLabel, m_handlingLabel})
        label->setText(u"—"_s);
    showCallBack(false, QString());
}

void CallerCard::showCallBack(bool available, const QString &requestedAt)
{
    m_callBackButton->setEnabled(available);
    m_callBackButton->setVisible(available);
    m_callBackLabel->setVisible(available && !requestedAt.isEmpty());
    m_callBackLabel->setText(requestedAt.isEmpty() ? QString() : tr("Asked for a call back at %1").arg(requestedAt));
}

void CallerCard::showSummary(const CallerSummary &s)
{
    const QString name = s.contact && !s.contact->name.isEmpty() ? s.contact->name
        : s.lead && !s.lead->name.isEmpty()                     ? s.lead->name
                                                                : tr("Unknown caller");
    m_nameLabel->setText(name);
    m_phoneLabel->setText(Presentation::phone(s.thread.phone));
    const QString language = !s.thread.language.isEmpty() ? s.thread.language
        : s.contact                                       ? s.contact->language
                                                          : QString();
    m_languageLabel->setText(language == u"es"_s ? tr("ES · writes in Spanish")
            : language == u"en"_s                ? tr("EN · writes in English")
                                                 : QString());

    QStringList history;
    if (s.contact) {
        history << row(tr("Status"), tr("Existing customer"));
        if (const ServiceRecord *last = s.contact->lastService()) {
            QString text = serviceName(last->serviceId);
            if (last->date.isValid())
                text += u", "_s + QLocale().toString(last->date, QLocale::ShortFormat);
            history << row(tr("Last service"), text);
        }
        if (s.contact->history.size() > 1) {
            double total = 0;
            for (const auto &r : s.contact->history)
                total += r.value;
            history << row(tr("History"), tr("%1 jobs, %2").arg(s.contact->history.size()).arg(money(total)));
        }
        if (!s.contact->zip.isEmpty())
            history << row(tr("ZIP"), s.contact->zip);
        if (!s.contact->notes.isEmpty())
            history << row(tr("Notes"), s.contact->notes);
    } else {
        history << row(tr("Status"), tr("New caller"));
    }
    if (s.earlierConversations > 0)
        history << row(tr("Earlier"), s.earlierConversations == 1 ? tr("1 conversation")
                                                                  : tr("%1 conversations").arg(s.earlierConversations));
    m_historyLabel->setText(table(history));

    QStringList lead;
    if (s.lead) {
        if (!s.lead->service.isEmpty())
            lead << row(tr("Service"), serviceName(s.lead->service));
        if (!s.lead->zip.isEmpty())
            lead << row(tr("ZIP"), s.lead->inArea ? s.lead->zip : tr("%1 (outside the area)").arg(s.lead->zip));
        if (!s.lead->urgency.isEmpty() && s.lead->urgency != u"normal"_s)
            lead << row(tr("Urgency"), s.lead->urgency);
        if (!s.lead->name.isEmpty())
            lead << row(tr("Name"), s.lead->name);
        if (!s.lead->when.isEmpty())
            lead << row(tr("Wants"), s.lead->when);
        lead << row(tr("Qualified"), s.lead->qualified ? tr("yes") : tr("not yet"));
    }
    if (!s.thread.handoffReason.isEmpty())
        lead << row(tr("Handed off"), Presentation::handoffReasonLabel(s.thread.handoffReason));
    m_leadLabel->setText(lead.isEmpty() ? tr("Nothing yet.") : table(lead));

    if (s.appointment) {
        QStringList appointment;
        appointment << row(tr("Service"), serviceName(s.appointment->serviceId));
        appointment << row(tr("When"), m_presentation.time(s.appointment->start));
        const TechnicianDef *tech = m_profile ? m_profile->technician(s.appointment->technicianId) : nullptr;
        if (tech)
            appointment << row(tr("With"), tech->name);
        if (s.appointment->value > 0)
            appointment << row(tr("Value"), money(s.appointment->value));
        m_appointmentLabel->setText(table(appointment));
    } else {
        m_appointmentLabel->setText(tr("None booked."));
    }

    const bool waiting = s.thread.state == u"staff"_s && s.thread.needsAttention && !s.thread.attentionAcknowledged;
    QString handling = waiting         ? tr("Nobody yet — waiting for a person")
        : s.thread.state == u"staff"_s ? tr("A person at the desk")
        : s.thread.state == u"ai"_s    ? tr("The agent")
                                       : tr("Closed");
    if (s.lastHandover) {
        const QString who = m_presentation.staffName(s.lastHandover->actor);
        const QString what = s.lastHandover->action == u"takeover"_s ? tr("taken over by %1 at %2")
            : s.lastHandover->action == u"handback"_s                ? tr("handed back by %1 at %2")
                                                                     : tr("acknowledged by %1 at %2");
        handling += u" — "_s + what.arg(who, m_presentation.time(s.lastHandover->at));
    }
    m_handlingLabel->setText(handling.toHtmlEscaped());
}

} // namespace FrontDesk
