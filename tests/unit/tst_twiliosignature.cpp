// X-Twilio-Signature against every reference vector of ../shared/data/twilio-signature-vectors.json
// (from Twilio's own SDK tests), and the form encoding the signatures are computed over.
#include "integrations/twilio/twilioform.h"
#include "integrations/twilio/twiliosignature.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(QJsonObject)

namespace {

QJsonObject vectorsFile()
{
    QFile file(QStringLiteral(FRONTDESK_SHARED_DIR "/data/twilio-signature-vectors.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// params: an object (null values are empty strings), a list of [name, value] pairs, or null.
TwilioParams paramsOf(const QJsonValue &value)
{
    TwilioParams params;
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            params.append({it.key(), it->isNull() ? QString() : it->toString()});
    } else if (value.isArray()) {
        for (const QJsonValue &pair : value.toArray())
            params.append({pair.toArray().at(0).toString(), pair.toArray().at(1).toString()});
    }
    return params;
}

QByteArray signatureOf(const QJsonObject &v)
{
    const QJsonValue s = v.value(u"expected_signature"_s);
    return s.isNull() ? QByteArray() : s.toString().toUtf8();
}

} // namespace

class TestTwilioSignature : public QObject
{
    Q_OBJECT

private slots:
    void fileIsComplete()
    {
        const QJsonObject file = vectorsFile();
        QVERIFY2(!file.isEmpty(), "the shared signature vectors cannot be read");
        const QJsonArray vectors = file.value(u"vectors"_s).toArray();
        QCOMPARE(vectors.size(), file.value(u"counts"_s).toObject().value(u"vectors"_s).toInt());
        QCOMPARE(vectors.size(), 60);
    }

    void vectors_data()
    {
        QTest::addColumn<QJsonObject>("vector");
        const QJsonArray vectors = vectorsFile().value(u"vectors"_s).toArray();
        for (const QJsonValue &v : vectors) {
            const QJsonObject o = v.toObject();
            QTest::newRow(qPrintable(o.value(u"id"_s).toString() + u' ' + o.value(u"kind"_s).toString())) << o;
        }
    }

    void vectors()
    {
        QFETCH(QJsonObject, vector);
        const QString kind = vector.value(u"kind"_s).toString();
        const QByteArray token = vector.value(u"auth_token"_s).toString().toUtf8();
        const QString url = vector.value(u"url"_s).toString();
        if (kind == u"form_params"_s) {
            const TwilioParams params = paramsOf(vector.value(u"params"_s));
            const bool expected = vector.value(u"should_validate"_s).toBool();
            QCOMPARE(TwilioSignature::validate(token, url, params, signatureOf(vector)), expected);
            if (expected && vector.value(u"url_variant"_s).toString() == u"as_given"_s) {
                QCOMPARE(
                    TwilioSignature::signedBytes(url, params), vector.value(u"signed_string"_s).toString().toUtf8());
                QCOMPARE(TwilioSignature::compute(token, url, params), signatureOf(vector));
            }
            if (expected) {
                // The signed string is one of the URL forms the validator tries.
                const QString signedString = vector.value(u"signed_string"_s).toString();
                const QStringList variants = TwilioSignature::urlVariants(url);
                QVERIFY(std::any_of(variants.cbegin(), variants.cend(), [&](const QString &variant) {
                    return TwilioSignature::signedBytes(variant, params) == signedString.toUtf8();
                }));
            }
        } else if (kind == u"form_body"_s) {
            QString error;
            const auto params = TwilioForm::decode(vector.value(u"body"_s).toString().toUtf8(), &error);
            QVERIFY2(params, qPrintable(error));
            QCOMPARE(TwilioSignature::validate(token, url, *params, signatureOf(vector)),
                vector.value(u"should_validate"_s).toBool());
            QCOMPARE(TwilioSignature::signedBytes(url, *params), vector.value(u"signed_string"_s).toString().toUtf8());
        } else if (kind == u"json_body_sha256"_s) {
            const QByteArray body = vector.value(u"body"_s).toString().toUtf8();
            QCOMPARE(TwilioSignature::validateJson(token, url, body, signatureOf(vector)),
                vector.value(u"should_validate"_s).toBool());
            // The same signature over a body that does not match the URL's hash never validates.
            if (vector.value(u"should_validate"_s).toBool())
                QVERIFY(!TwilioSignature::validateJson(token, url, body + ' ', signatureOf(vector)));
        } else if (kind == u"body_sha256_hex"_s) {
            const QByteArray body = vector.value(u"body"_s).toString().toUtf8();
            QCOMPARE(TwilioSignature::bodySha256Hex(body), vector.value(u"our_computed"_s).toString().toLatin1());
            QCOMPARE(TwilioSignature::bodyMatches(body, vector.value(u"expected_sha256_hex"_s).toString().toLatin1()),
                vector.value(u"should_match"_s).toBool());
        } else {
            QFAIL(qPrintable(u"unknown vector kind "_s + kind));
        }
    }

    void behaviourCases_data()
    {
        QTest::addColumn<QJsonObject>("behaviour");
        for (const QJsonValue &v : vectorsFile().value(u"behaviour_cases"_s).toArray())
            QTest::newRow(qPrintable(v.toObject().value(u"id"_s).toString())) << v.toObject();
    }

    // Port and quote tolerance, after Twilio's Node SDK: the signature is made over one URL form and
    // checked against another.
    void behaviourCases()
    {
        QFETCH(QJsonObject, behaviour);
        const QByteArray token = behaviour.value(u"auth_token"_s).toString().toUtf8();
        const TwilioParams params = paramsOf(behaviour.value(u"params"_s));
        const QByteArray signature
            = TwilioSignature::compute(token, behaviour.value(u"signed_url"_s).toString(), params);
        QCOMPARE(signature, behaviour.value(u"signature_we_computed_for_signed_url"_s).toString().toUtf8());
        QCOMPARE(TwilioSignature::validate(token, behaviour.value(u"validated_url"_s).toString(), params, signature),
            behaviour.value(u"should_validate"_s).toBool());
    }

    void wrongTokenOrTamperingFails()
    {
        const QString url = u"https://desk.example.com/twilio/sms"_s;
        const TwilioParams params {{u"From"_s, u"+13105550112"_s}, {u"Body"_s, u"hi"_s}, {u"MessageSid"_s, u"SM1"_s}};
        const QByteArray signature = TwilioSignature::compute("right-token", url, params);
        QVERIFY(TwilioSignature::validate("right-token", url, params, signature));
        QVERIFY(!TwilioSignature::validate("wrong-token", url, params, signature));
        QVERIFY(!TwilioSignature::validate("", url, params, signature));
        TwilioParams tampered = params;
        tampered[1].second = u"hi!"_s;
        QVERIFY(!TwilioSignature::validate("right-token", url, tampered, signature));
        QVERIFY(
            !TwilioSignature::validate("right-token", u"https://desk.example.com/twilio/status"_s, params, signature));
        QVERIFY(!TwilioSignature::validate("right-token", url, params, {}));
    }

    void formEncoding()
    {
        const TwilioParams params {
            {u"To"_s, u"+13105550112"_s}, {u"Body"_s, u"Tue 9:00 & 10:30? 😀 ok"_s}, {u"Empty"_s, QString()}};
        const QByteArray encoded = TwilioForm::encode(params);
        QVERIFY(encoded.startsWith("To=%2B13105550112&"));
        QVERIFY(!encoded.contains(' '));
        const auto decoded = TwilioForm::decode(encoded);
        QVERIFY(decoded);
        QCOMPARE(*decoded, params);
        // "+" is a space on reading, as browsers and Twilio write it.
        QCOMPARE(TwilioForm::decode("Body=see+you&From=%2B1555")->value(0).second, u"see you"_s);
        QCOMPARE(TwilioForm::value(*TwilioForm::decode("Body=see+you&From=%2B1555"), u"From"_s), u"+1555"_s);
        QString error;
        QVERIFY(!TwilioForm::decode("Body=%zz", &error));
        QVERIFY(error.contains(u"percent"_s));
        QVERIFY(!TwilioForm::decode("Body=%E2%28%A1", &error)); // not UTF-8
        QVERIFY(!TwilioForm::decode("=value", &error));
        QVERIFY(!TwilioForm::decode("Body=%4", &error));
        QVERIFY(TwilioForm::decode("")->isEmpty());
        QByteArray many;
        for (int i = 0; i < 1001; ++i)
            many += "a" + QByteArray::number(i) + "=1&";
        QVERIFY(!TwilioForm::decode(many, &error));
    }
};

QTEST_GUILESS_MAIN(TestTwilioSignature)
#include "tst_twiliosignature.moc"
