//! Request extractors whose rejections are the portal's JSON errors instead of axum's plain text.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ApiError, ErrorCode};

/// A JSON body (`Content-Type: application/json`).
pub struct ApiJson<T>(pub T);

/// Path parameters.
pub struct ApiPath<T>(pub T);

/// Query-string parameters.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Serialize, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<serde_json::Value>::from_request(req, state).await {
            Ok(axum::Json(value)) => typed(value).map(ApiJson),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
                "请求须为 JSON（Content-Type: application/json）",
                "the body must be JSON (Content-Type: application/json)",
            )),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    ErrorCode::BodyTooLarge,
                    "请求内容过大",
                    "the request body is too large for this endpoint",
                ))
            }
            Err(rejection) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::InvalidInput,
                format!("请求内容无效：{}", rejection.body_text()),
                format!("invalid request body: {}", rejection.body_text()),
            )),
        }
    }
}

/// `value` as a `T`, refusing fields `T` does not have (at any depth), so a misspelt field is
/// an error naming it instead of being silently dropped, and an array where `T` has an object
/// (serde would read a struct from an array by position).
fn typed<T: DeserializeOwned + Serialize>(value: Value) -> Result<T, ApiError> {
    let sent = value.clone();
    let mut unknown = None;
    let parsed: Result<T, _> = serde_ignored::deserialize(value, |path| {
        unknown.get_or_insert_with(|| field_path(&path));
    });
    let parsed = parsed.map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidInput,
            format!("请求内容无效：{e}"),
            format!("invalid request body: {e}"),
        )
    })?;
    let read = serde_json::to_value(&parsed).map_err(|e| ApiError::internal(e.to_string()))?;
    if let Some(field) = array_for_object(&sent, &read, String::new()) {
        let name = if field.is_empty() {
            "body".to_owned()
        } else {
            field
        };
        return Err(ApiError::invalid(
            &name,
            format!("{name} 应为对象（{{…}}），不是数组"),
            format!("{name} must be an object ({{…}}), not an array"),
        ));
    }
    match unknown {
        None => Ok(parsed),
        Some(field) => Err(ApiError::invalid(
            &field,
            format!("未知字段 {field}，请检查拼写或删除该字段"),
            format!("unknown field {field}: check its spelling or remove it"),
        )),
    }
}

/// The path of the first place where the body `sent` has an array and the value `read` from it
/// has an object.
fn array_for_object(sent: &Value, read: &Value, path: String) -> Option<String> {
    match (sent, read) {
        (Value::Array(_), Value::Object(_)) => Some(path),
        (Value::Object(sent), Value::Object(read)) => sent.iter().find_map(|(key, value)| {
            let inner = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            read.get(key)
                .and_then(|r| array_for_object(value, r, inner))
        }),
        (Value::Array(sent), Value::Array(read)) => sent
            .iter()
            .zip(read)
            .enumerate()
            .find_map(|(i, (s, r))| array_for_object(s, r, format!("{path}[{i}]"))),
        _ => None,
    }
}

/// A field's path as the API names fields: `family.members[0].name`.
fn field_path(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Map { parent, key } => match field_path(parent) {
            parent if parent.is_empty() => key.clone(),
            parent => format!("{parent}.{key}"),
        },
        Path::Seq { parent, index } => format!("{}[{index}]", field_path(parent)),
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => field_path(parent),
    }
}

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(PathRejection::FailedToDeserializePathParams(_)) => Err(ApiError::not_found()),
            Err(rejection) => Err(ApiError::internal(rejection.body_text())),
        }
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| ApiQuery(value))
            .map_err(|rejection: QueryRejection| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    ErrorCode::InvalidInput,
                    format!("查询参数无效：{}", rejection.body_text()),
                    format!("invalid query parameters: {}", rejection.body_text()),
                )
            })
    }
}
