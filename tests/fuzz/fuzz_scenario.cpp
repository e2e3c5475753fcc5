// libFuzzer: a scenario JSON (../shared/scenarios/FORMAT.md; files from outside evaluations) read as
// Scenario::load reads it: the document, then Scenario::fromJson with the file's folder, where a
// profile of our own is written once as "profile.json".
#include "app/simulation/scenario.h"
#include "tests/fuzz/fuzzprofile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

const QString &baseDir()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        if (!dir.isValid())
            std::abort();
        QFile file(QDir(dir.path()).filePath(QStringLiteral("profile.json")));
        if (!file.open(QIODevice::WriteOnly) || file.write(FrontDeskFuzz::plumberProfileJson()) < 0)
            std::abort();
        return dir.path();
    }();
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return 0;
    QString error;
    (void)FrontDesk::Scenario::fromJson(doc.object(), baseDir(), &error);
    return 0;
}
