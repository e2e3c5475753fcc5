#include "models/syncedtables.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

const QList<std::pair<QString, QString>> &syncedTables()
{
    static const QList<std::pair<QString, QString>> tables = {
        {u"settings"_s, u"key"_s},
        {u"services"_s, u"id"_s},
        {u"technicians"_s, u"id"_s},
        {u"contacts"_s, u"id"_s},
        {u"service_records"_s, u"id"_s},
        {u"calls"_s, u"id"_s},
        {u"threads"_s, u"id"_s},
        {u"messages"_s, u"id"_s},
        {u"leads"_s, u"thread_id"_s},
        {u"appointments"_s, u"id"_s},
        {u"opt_outs"_s, u"phone"_s},
        {u"audit_log"_s, u"id"_s},
        {u"users"_s, u"username"_s}, // desks sign people in offline too
        {u"calendar_links"_s, u"appointment_id"_s}, // the calendar pane's unsynced and conflict marks
    };
    return tables;
}

} // namespace FrontDesk
