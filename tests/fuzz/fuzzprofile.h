#pragma once
// A small business profile of our own for the fuzz targets that read text over a profile: a plumber
// with hours, a service area, services with keywords, technicians, an FAQ and booking rules.
#include <QByteArray>

namespace FrontDeskFuzz {

inline QByteArray plumberProfileJson()
{
    return QByteArrayLiteral(R"json({
  "name": "Front Range Plumbing",
  "timezone": "America/Denver",
  "phone": "+13035550140",
  "languages": ["en"],
  "hours": {"mon": ["07:30", "17:00"], "tue": ["07:30", "17:00"], "wed": ["07:30", "17:00"],
            "thu": ["07:30", "17:00"], "fri": ["07:30", "16:00"], "sat": ["09:00", "12:00"], "sun": null},
  "holidays": ["2026-11-26", "2026-12-25"],
  "service_area": {"zip_codes": ["80202", "80203", "80205", "80206", "80218"]},
  "services": [
    {"id": "drain", "name": "Drain cleaning", "keywords": ["drain", "clog", "clogged", "backed up"],
     "duration_min": 90, "job_value": 240},
    {"id": "water-heater", "name": "Water heater repair", "keywords": ["water heater", "no hot water"],
     "duration_min": 120, "job_value": 520},
    {"id": "leak", "name": "Leak repair", "keywords": ["leak", "leaking", "drip", "burst pipe"],
     "duration_min": 60, "job_value": 310}
  ],
  "not_offered_keywords": ["roof", "electrical"],
  "emergency_keywords": ["flooding", "burst pipe", "sewage"],
  "urgent_keywords": ["no hot water", "leaking"],
  "technicians": [
    {"id": "rosa", "name": "Rosa", "services": ["drain", "water-heater", "leak"]},
    {"id": "tom", "name": "Tom", "services": ["drain", "leak"]}
  ],
  "booking": {"slot_step_min": 30, "min_lead_min": 90, "horizon_days": 10, "offers": 3, "buffer_min": 15},
  "qualification": {"ask": ["service", "zip", "when"], "ask_new_customers": ["name"]},
  "faq": [{"keywords": ["price", "how much", "cost"], "answer": "A visit is $89, waived if we do the job."}],
  "templates": {"missed_call": "Hi, this is {business}. Sorry we missed your call! Reply STOP to opt out."}
})json");
}

} // namespace FrontDeskFuzz
