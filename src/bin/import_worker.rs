//! The import worker: a Web Worker that reads, maps and converts the files the user imports,
//! off the page's thread. It only moves messages — `{request: JSON, files: [File]}` in,
//! `{reply: JSON, bytes?: Uint8Array}` out — between the page and
//! [`kam_radar::import::worker::ImportWorker`], where the logic lives and is tested.
//!
//! The Import view cancels a long read by terminating this worker, so nothing here needs to
//! check for cancellation.

use std::cell::RefCell;

use kam_radar::i18n::Label;
use kam_radar::import::worker::{ImportWorker, Reply, Request};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

thread_local! {
    static WORKER: RefCell<ImportWorker> = RefCell::new(ImportWorker::default());
}

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let mut post = |reply: Reply, bytes: Option<Vec<u8>>| post_reply(&scope, &reply, bytes);
        match receive(&event.data()) {
            Ok((request, files)) => {
                WORKER.with(|worker| worker.borrow_mut().handle(request, files, &mut post))
            }
            Err(reason) => post(
                Reply::Failed {
                    message: Label::new(
                        format!("The import worker could not read the request: {reason}"),
                        format!("导入线程无法读取请求：{reason}"),
                    ),
                },
                None,
            ),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post_reply(&scope, &Reply::Ready, None);
}

/// The request and the bytes of the files sent with it.
fn receive(data: &JsValue) -> Result<(Request, Vec<Vec<u8>>), String> {
    let json = js_sys::Reflect::get(data, &"request".into())
        .ok()
        .and_then(|v| v.as_string())
        .ok_or("no request")?;
    let request: Request = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let mut files = Vec::new();
    if let Ok(list) = js_sys::Reflect::get(data, &"files".into()) {
        if let Ok(list) = list.dyn_into::<js_sys::Array>() {
            let reader = FileReaderSync::new().map_err(|e| format!("{e:?}"))?;
            for file in list.iter() {
                let blob: web_sys::Blob = file.unchecked_into();
                let buffer = reader
                    .read_as_array_buffer(&blob)
                    .map_err(|e| format!("{e:?}"))?;
                files.push(js_sys::Uint8Array::new(&buffer).to_vec());
            }
        }
    }
    Ok((request, files))
}

fn post_reply(scope: &DedicatedWorkerGlobalScope, reply: &Reply, bytes: Option<Vec<u8>>) {
    let message = js_sys::Object::new();
    let json = serde_json::to_string(reply).unwrap_or_default();
    let _ = js_sys::Reflect::set(&message, &"reply".into(), &json.into());
    let transfer = js_sys::Array::new();
    if let Some(bytes) = bytes {
        let array = js_sys::Uint8Array::from(bytes.as_slice());
        let _ = js_sys::Reflect::set(&message, &"bytes".into(), &array);
        // Handed over, not copied a second time by postMessage: the worker has its own copy.
        transfer.push(&array.buffer());
    }
    let _ = scope.post_message_with_transfer(&message, &transfer);
}
