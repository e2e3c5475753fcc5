#pragma once

#include "app/core/calendarfiles.h"
#include "app/scheduling/bookingservice.h"
#include "ui/calendargrid.h"

#include <QDate>
#include <QPointer>
#include <QTimer>
#include <QWidget>
#include <memory>

class QComboBox;
class QDateTimeEdit;
class QFrame;
class QLabel;
class QLineEdit;
class QHBoxLayout;
class QPushButton;

namespace FrontDesk {

class Engine;
class SyncClient;

// The shared calendar, per technician: a day with every technician side by side, or one
// technician's week. The agent's bookings, the desk's and the shared calendar's events in one
// picture, with marks for bookings not on the server yet (unsynced) and in conflict there.
// Click an empty slot to book a caller by hand; drag a booking to move it.
class CalendarPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarPane)
public:
    CalendarPane(Engine &engine, const QString &actor, QWidget *parent = nullptr);
    ~CalendarPane() override;

    enum class View
    {
        Day,
        Week
    };
    void setView(View view, const QString &technicianId = {});
    void setDate(const QDate &date);
    QDate date() const { return m_date; }
    CalendarGrid *grid() const { return m_grid; }

    // .ics export of a technician's schedule and import of an .ics file as their busy time: the
    // Export / Import buttons appear once the format is given. Both report in the status line.
    void setCalendarFiles(const CalendarFiles &files);
    // The technician the Export / Import buttons act on: the week view's, else the combo's.
    QString fileTechnicianId() const;
    bool exportIcs(const QString &path);
    bool importIcs(const QString &path);

    // Team mode: bookings by hand and moves become intentions for the shared store (queued while
    // offline); the grid shows them once the server has taken them.
    void setTeamSync(SyncClient *sync);

    // The detail of a booking beside the grid (what clicking it or Enter on it opens); empty: closed.
    void showBookingDetail(const QString &appointmentId);
    QString detailAppointmentId() const { return m_detailId; }

signals:
    // "Open conversation" in a booking's detail: the desk shows that thread.
    void conversationRequested(const QString &threadId);

public slots:
    void refresh();

private:
    void buildUi();
    void rebuildColumns();
    void openBookingForm(const QString &technicianId, const QDateTime &start);
    void bookFromForm();
    void moveAppointment(const QString &id, const QString &technicianId, const QDateTime &start);
    void showStatus(const QString &text, bool error);
    void handleAppointmentBooked(const QString &appointmentId);
    void updateNextBooking();
    void handleProfileChanged();
    void buildDetailPanel(QHBoxLayout *body);
    void cancelFromDetail();
    void closeBookingForm();
    // Built for each action from the engine's current profile snapshot (null without a profile).
    std::unique_ptr<BookingService> bookingService() const;

    Engine &m_engine;
    QString m_actor;
    View m_view = View::Day;
    QDate m_date;
    QTimer m_refreshTimer;

    QComboBox *m_viewCombo = nullptr;
    QComboBox *m_technicianCombo = nullptr;
    QLabel *m_dateLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QPushButton *m_nextBookingButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_importButton = nullptr;
    CalendarFiles m_files;
    QPointer<SyncClient> m_teamSync;
    QDate m_nextBookingDate;
    CalendarGrid *m_grid = nullptr;

    QFrame *m_form = nullptr;
    QLabel *m_formSlotLabel = nullptr;
    QLineEdit *m_phoneEdit = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QComboBox *m_serviceCombo = nullptr;
    QComboBox *m_channelCombo = nullptr;
    QLabel *m_formError = nullptr;
    QString m_formTechnician;
    QDateTime m_formStart;

    QFrame *m_detail = nullptr;
    QLabel *m_detailTitle = nullptr;
    QLabel *m_detailText = nullptr;
    QDateTimeEdit *m_detailMoveEdit = nullptr;
    QPushButton *m_detailMoveButton = nullptr;
    QPushButton *m_detailCancelButton = nullptr;
    QPushButton *m_detailConversationButton = nullptr;
    QString m_detailId;
    QString m_detailThreadId;
    bool m_cancelArmed = false; // "Cancel booking" asks once more, inline
};

} // namespace FrontDesk
