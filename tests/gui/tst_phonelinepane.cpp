// Settings > Phone line (issue 18): the voice receptionist's settings, typed and clicked into the real
// widgets, offscreen; saved into the profile through AdminService, checked like an imported profile,
// and kept when the Business tab saves the rest of the profile.
#include "app/admin/accesspolicy.h"
#include "app/admin/adminservice.h"
#include "app/core/clock.h"
#include "app/core/secretstore.h"
#include "app/messaging/engine.h"
#include "models/database.h"
#include "models/repositories.h"
#include "ui/settings/businesspane.h"
#include "ui/settings/phonelinepane.h"
#include "ui/settings/settingspane.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {
const QString kAdmin = u"staff:ada"_s;
}

class TestPhoneLinePane : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SimulatedClock> m_clock;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AccessPolicy> m_policy;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AdminService> m_admin;

    template <typename T> static T *child(QWidget &root, const QString &name)
    {
        T *w = root.findChild<T *>(name);
        if (!w)
            qWarning("no %s", qPrintable(name));
        return w;
    }

private slots:
    void init()
    {
        m_admin.reset();
        m_engine.reset();
        m_db.reset();
        QString error;
        m_db = Database::openSqlite(m_dir.filePath(u"phone-%1.sqlite"_s.arg(++m_run)), &error);
        QVERIFY2(m_db, qPrintable(error));
        ProfileError profileError;
        const auto profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &profileError);
        QVERIFY(profile);
        QVERIFY(SettingsRepository(*m_db).saveProfile(*profile));
        m_clock = std::make_unique<SimulatedClock>(
            QDateTime(QDate(2026, 3, 2), QTime(14, 5), QTimeZone("America/New_York")));
        m_engine = std::make_unique<Engine>(*m_db, *m_clock);
        m_policy = std::make_unique<AccessPolicy>(*m_db);
        m_engine->setAccessPolicy(m_policy.get());
        m_secrets = std::make_unique<MemorySecretStore>(u"no keychain in tests"_s);
        m_admin = std::make_unique<AdminService>(*m_engine, m_secrets.get());
        QVERIFY(m_admin->createFirstAdmin(u"ada"_s, u"Ada"_s, u"admin-password"_s).ok);
    }
    void cleanup()
    {
        m_admin.reset();
        m_secrets.reset();
        m_policy.reset();
        m_engine.reset();
        m_db.reset();
    }

    void typedSettingsAreSaved()
    {
        PhoneLinePane pane(*m_engine, *m_admin, kAdmin);
        pane.show();
        auto *mode = child<QComboBox>(pane, u"voiceModeCombo"_s);
        auto *ring = child<QSpinBox>(pane, u"ringSpinBox"_s);
        auto *transfer = child<QLineEdit>(pane, u"transferLineEdit"_s);
        auto *greeting = child<QLineEdit>(pane, u"greetingLineEdit"_s);
        auto *preview = child<QLabel>(pane, u"greetingPreviewLabel"_s);
        auto *status = child<QLabel>(pane, u"phoneLineStatusLabel"_s);
        auto *save = child<QPushButton>(pane, u"savePhoneLineButton"_s);
        QVERIFY(mode && ring && transfer && greeting && preview && status && save);
        // A profile without voice: off, and nobody answers by voice.
        QCOMPARE(mode->currentData().toString(), u"off"_s);
        QVERIFY(!greeting->isEnabled());
        QVERIFY(preview->text().contains(u"text-back"_s));

        // The agent answers after the staff line rang 15 s.
        mode->setFocus();
        QTest::keyClick(mode, Qt::Key_Down);
        QCOMPARE(mode->currentData().toString(), u"after_ring"_s);
        QVERIFY(ring->isEnabled() && greeting->isEnabled());
        ring->selectAll();
        QTest::keyClicks(ring, u"15"_s);
        QTest::keyClicks(greeting, u"Hi, you've reached {business}. How can I help?"_s);
        QCOMPARE(preview->text(), u"Hi, you've reached Peachtree Heating & Air. How can I help?"_s);
        // A transfer number that is no number: the field is named, nothing is saved.
        QTest::keyClicks(transfer, u"the office"_s);
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY2(status->text().startsWith(u"voice.transfer_to"_s), qPrintable(status->text()));
        QCOMPARE(m_engine->profile()->voice.mode, VoiceMode::Off);
        transfer->clear();
        QTest::keyClicks(transfer, u"+14045550199"_s);
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY2(status->text().startsWith(u"Saved"_s), qPrintable(status->text()));
        const auto voice = m_engine->profile()->voice;
        QCOMPARE(voice.mode, VoiceMode::AfterRing);
        QCOMPARE(voice.ringSec, 15);
        QCOMPARE(voice.transferTo, u"+14045550199"_s);
        QCOMPARE(voice.greeting, u"Hi, you've reached {business}. How can I help?"_s);
    }

    void businessTabKeepsTheVoiceSettings()
    {
        SettingsPane settings(*m_engine, *m_admin, kAdmin, SettingsPane::Checkers {});
        settings.show();
        auto *pane = settings.phoneLinePane();
        QVERIFY(pane);
        auto *mode = child<QComboBox>(*pane, u"voiceModeCombo"_s);
        mode->setCurrentIndex(mode->findData(u"always"_s));
        QTest::mouseClick(child<QPushButton>(*pane, u"savePhoneLineButton"_s), Qt::LeftButton);
        QCOMPARE(m_engine->profile()->voice.mode, VoiceMode::Always);
        // The Business tab saves the rest of the profile: the voice settings stay.
        QVERIFY(settings.businessPane()->save());
        QCOMPARE(m_engine->profile()->voice.mode, VoiceMode::Always);
        auto *tabs = settings.findChild<QTabWidget *>(u"settingsTabs"_s);
        QVERIFY(tabs);
        QCOMPARE(tabs->tabText(tabs->indexOf(pane)), u"Phone line"_s);
    }
};

QTEST_MAIN(TestPhoneLinePane)
#include "tst_phonelinepane.moc"
