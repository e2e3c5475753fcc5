#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace FrontDesk {

// What each figure of the reports means, one sentence each: the in-app help of the Reports pane.
// docs/reports.md carries the same sentences; keep the two in step.
class MetricDefinitions
{
    Q_DECLARE_TR_FUNCTIONS(FrontDesk::MetricDefinitions)
public:
    struct Definition
    {
        QString key; // the JSON key of `frontdesk-cli report`, or the name of the breakdown
        QString label;
        QString sentence;
    };
    static QList<Definition> all();
    static QString sentence(const QString &key); // empty for an unknown key
    static QString html(); // the definitions as a small HTML list, for the help view and the PDF
};

} // namespace FrontDesk
