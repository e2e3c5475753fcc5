#pragma once

#include "models/records.h"

#include <QString>

#include <optional>

namespace FrontDesk {

// Who a phone number belongs to: the built-in CRM, or an outside address book.
class ContactDirectory
{
public:
    virtual ~ContactDirectory() = default;
    virtual std::optional<Contact> lookup(const QString &phone) const = 0;
};

} // namespace FrontDesk
