#pragma once

#include "models/businessprofile.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace FrontDesk {

class AdminService;
class Engine;

// Settings > Phone line: how the voice receptionist answers the calls nobody picks up (the profile's
// `voice` object): the mode, how long the staff line rings first, the greeting (with a preview of
// how it is said), the number a caller is put through to, and the desk's phone that Take call puts a
// live call through to (a setting of the store, E.164; empty: the transfer number). Saved through AdminService like the
// rest of the profile; the widgets decide nothing.
class PhoneLinePane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PhoneLinePane)
public:
    PhoneLinePane(Engine &engine, AdminService &admin, const QString &actor, QWidget *parent = nullptr);

    // Shows the stored profile's settings (after another pane saved the profile).
    void reload();
    bool save();
    QString greetingPreview() const;

signals:
    void phoneLineSaved();

private:
    void updateFields();

    Engine &m_engine;
    AdminService &m_admin;
    QString m_actor;
    QComboBox *m_mode = nullptr;
    QSpinBox *m_ring = nullptr;
    QLineEdit *m_transfer = nullptr;
    QLineEdit *m_deskPhone = nullptr;
    QLineEdit *m_greeting = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace FrontDesk
