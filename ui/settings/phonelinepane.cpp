#include "ui/settings/phonelinepane.h"

#include "app/admin/adminservice.h"
#include "app/messaging/engine.h"
#include "app/voice/calltakeover.h"

#include <QComboBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

PhoneLinePane::PhoneLinePane(Engine &engine, AdminService &admin, const QString &actor, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_admin(admin)
    , m_actor(actor)
{
    setObjectName(u"phoneLinePane"_s);
    m_mode = new QComboBox(this);
    m_mode->setObjectName(u"voiceModeCombo"_s);
    m_mode->addItem(tr("Off: missed calls get the text-back"), voiceModeName(VoiceMode::Off));
    m_mode->addItem(tr("After the staff line rings out"), voiceModeName(VoiceMode::AfterRing));
    m_mode->addItem(tr("Outside business hours"), voiceModeName(VoiceMode::AfterHours));
    m_mode->addItem(tr("Every call"), voiceModeName(VoiceMode::Always));
    m_ring = new QSpinBox(this);
    m_ring->setObjectName(u"ringSpinBox"_s);
    m_ring->setRange(0, 120);
    m_ring->setSuffix(tr(" s"));
    m_transfer = new QLineEdit(this);
    m_transfer->setObjectName(u"transferLineEdit"_s);
    m_transfer->setPlaceholderText(tr("+14045550199"));
    m_deskPhone = new QLineEdit(this);
    m_deskPhone->setObjectName(u"deskPhoneLineEdit"_s);
    m_deskPhone->setToolTip(tr("Take call on the desk puts the caller through to this phone. Empty: the transfer "
                               "number, else the business's phone."));
    m_deskPhone->setAccessibleName(tr("Desk phone"));
    m_greeting = new QLineEdit(this);
    m_greeting->setObjectName(u"greetingLineEdit"_s);
    m_greeting->setPlaceholderText(VoiceSettings::defaultGreeting());
    m_preview = new QLabel(this);
    m_preview->setObjectName(u"greetingPreviewLabel"_s);
    m_preview->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setObjectName(u"phoneLineStatusLabel"_s);
    m_status->setWordWrap(true);
    m_save = new QPushButton(tr("Save"), this);
    m_save->setObjectName(u"savePhoneLineButton"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("The agent answers"), m_mode);
    form->addRow(tr("Ring the staff line first"), m_ring);
    form->addRow(tr("Put callers through to"), m_transfer);
    form->addRow(tr("Desk phone (Take call)"), m_deskPhone);
    form->addRow(tr("Greeting"), m_greeting);
    form->addRow(tr("The caller hears"), m_preview);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_save, 0, Qt::AlignRight);
    layout->addStretch(1);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &PhoneLinePane::updateFields);
    connect(m_greeting, &QLineEdit::textChanged, this, &PhoneLinePane::updateFields);
    connect(m_save, &QPushButton::clicked, this, &PhoneLinePane::save);
    reload();
}

void PhoneLinePane::reload()
{
    const auto profile = m_engine.profile();
    const VoiceSettings voice = profile ? profile->voice : VoiceSettings();
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(voiceModeName(voice.mode))));
    m_ring->setValue(voice.ringSec);
    m_transfer->setText(voice.transferTo);
    const CallTakeover takeover(m_engine);
    m_deskPhone->setText(takeover.storedDeskPhone());
    m_deskPhone->setPlaceholderText(takeover.defaultDeskPhone());
    m_greeting->setText(voice.greeting);
    m_status->clear();
    updateFields();
}

QString PhoneLinePane::greetingPreview() const
{
    const auto profile = m_engine.profile();
    QString text
        = m_greeting->text().trimmed().isEmpty() ? VoiceSettings::defaultGreeting() : m_greeting->text().trimmed();
    text.replace(u"{business}"_s, profile ? profile->name : QString());
    text.replace(u"{phone}"_s, profile ? profile->phone : QString());
    return text;
}

void PhoneLinePane::updateFields()
{
    const bool on = m_mode->currentData().toString() != voiceModeName(VoiceMode::Off);
    m_ring->setEnabled(on && m_mode->currentData().toString() == voiceModeName(VoiceMode::AfterRing));
    m_transfer->setEnabled(on);
    m_greeting->setEnabled(on);
    m_preview->setText(on ? greetingPreview() : tr("Nobody: the caller gets the text-back."));
}

bool PhoneLinePane::save()
{
    const auto current = m_engine.profile();
    if (!current) {
        m_status->setText(tr("Set up the business first."));
        return false;
    }
    // The voice object is checked like an imported one: a field that doesn't fit is named.
    QJsonObject voice {{u"mode"_s, m_mode->currentData().toString()}, {u"ring_s"_s, m_ring->value()}};
    if (!m_transfer->text().trimmed().isEmpty())
        voice.insert(u"transfer_to"_s, m_transfer->text().trimmed());
    if (!m_greeting->text().trimmed().isEmpty())
        voice.insert(u"greeting"_s, m_greeting->text().trimmed());
    BusinessProfile profile = *current;
    ProfileError error;
    if (!VoiceSettings::fromJson(voice, &profile.voice, &error)) {
        m_status->setText(error.toString());
        return false;
    }
    CallTakeover takeover(m_engine);
    QString why;
    if (!m_deskPhone->text().trimmed().isEmpty() && !takeover.normalizedDeskPhone(m_deskPhone->text(), &why)) {
        m_status->setText(tr("Desk phone: %1").arg(why.isEmpty() ? tr("not a phone number") : why));
        return false;
    }
    const AdminResult r = m_admin.saveProfile(m_actor, profile);
    if (!r.ok) {
        m_status->setText(r.error);
        return false;
    }
    if (!takeover.saveDeskPhone(m_actor, m_deskPhone->text(), &why)) {
        m_status->setText(why);
        return false;
    }
    m_deskPhone->setText(takeover.storedDeskPhone());
    m_deskPhone->setPlaceholderText(takeover.defaultDeskPhone());
    m_status->setText(tr("Saved. Calls are answered this way from now on."));
    emit phoneLineSaved();
    return true;
}

} // namespace FrontDesk
