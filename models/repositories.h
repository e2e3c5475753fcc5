#pragma once

// Repository classes over Qt SQL: prepared statements only; every method runs on the Database's
// connection and returns false / std::nullopt / an empty list on failure, with lastError() saying why.
// One class per header; this one brings them all.

#include "models/appointmentrepository.h"
#include "models/auditrepository.h"
#include "models/businessprofile.h"
#include "models/callrepository.h"
#include "models/contactrepository.h"
#include "models/database.h"
#include "models/leadrepository.h"
#include "models/optoutrepository.h"
#include "models/outboxrepository.h"
#include "models/records.h"
#include "models/repository.h"
#include "models/settingsrepository.h"
#include "models/threadrepository.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>
