//! The page's side of the import worker (`src/bin/import_worker.rs`): starts it, holds requests
//! until it says it is ready, hands every reply to a callback, and terminates it to cancel.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

use crate::i18n::Label;
use crate::import::worker::{Reply, Request};

/// The worker's loader, next to index.html (public/import-worker-boot.js), so it resolves
/// under any subpath.
const WORKER_SCRIPT: &str = "./import-worker-boot.js";

/// A running import worker.
pub struct WorkerClient {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    waiting: Rc<RefCell<Vec<JsValue>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl WorkerClient {
    /// Starts a worker whose replies (and the bytes of [`Reply::File`]) go to `on_reply`.
    pub fn start(on_reply: impl Fn(Reply, Option<Vec<u8>>) + 'static) -> Result<Self, String> {
        let worker = Worker::new(WORKER_SCRIPT).map_err(|e| format!("{e:?}"))?;
        let ready = Rc::new(Cell::new(false));
        let waiting: Rc<RefCell<Vec<JsValue>>> = Rc::default();
        let on_reply = Rc::new(on_reply);

        let on_message = {
            let (worker, ready, waiting, on_reply) = (
                worker.clone(),
                ready.clone(),
                waiting.clone(),
                on_reply.clone(),
            );
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                let reply = js_sys::Reflect::get(&data, &"reply".into())
                    .ok()
                    .and_then(|json| json.as_string())
                    .and_then(|json| decode(&json));
                match reply {
                    Some(Reply::Ready) => {
                        ready.set(true);
                        for message in waiting.borrow_mut().drain(..) {
                            let _ = worker.post_message(&message);
                        }
                    }
                    Some(reply) => {
                        let bytes = js_sys::Reflect::get(&data, &"bytes".into())
                            .ok()
                            .and_then(|b| b.dyn_into::<js_sys::Uint8Array>().ok())
                            .map(|b| b.to_vec());
                        on_reply(reply, bytes);
                    }
                    None => on_reply(failed("an unreadable reply", "无法读取的回复"), None),
                }
            })
        };
        // An error in the worker's code comes as an `ErrorEvent`; a script that could not be
        // loaded at all, as a plain `Event` (whose `message` getter would throw).
        let on_error = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            event.prevent_default();
            let reply = match event.dyn_ref::<ErrorEvent>() {
                Some(error) => {
                    let detail = error.message();
                    failed(
                        &format!("the import worker stopped ({detail})"),
                        &format!("导入线程已停止（{detail}）"),
                    )
                }
                None => failed(
                    "the import worker could not be loaded; reload the page and try again",
                    "导入线程无法加载；请刷新页面后重试",
                ),
            };
            on_reply(reply, None);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerClient {
            worker,
            ready,
            waiting,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a request, with the files it reads (the worker reads their bytes itself).
    pub fn send(&self, request: &Request, files: &[web_sys::File]) {
        let message = js_sys::Object::new();
        let json = serde_json::to_string(request).unwrap_or_default();
        let _ = js_sys::Reflect::set(&message, &"request".into(), &json.into());
        let list: js_sys::Array = files.iter().collect();
        let _ = js_sys::Reflect::set(&message, &"files".into(), &list);
        if self.ready.get() {
            let _ = self.worker.post_message(&message);
        } else {
            self.waiting.borrow_mut().push(message.into());
        }
    }
}

impl Drop for WorkerClient {
    /// Stops the worker at once, whatever it is doing: this is how an import is cancelled.
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// Parses a reply through `serde_json::Value`, whose deserializers the workspace codec already
/// ships: decoding straight from text would add a second copy of every model type's
/// deserializer to the main bundle.
fn decode(json: &str) -> Option<Reply> {
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    serde::Deserialize::deserialize(value).ok()
}

fn failed(en: &str, zh: &str) -> Reply {
    Reply::Failed {
        message: Label::new(format!("Import failed: {en}."), format!("导入失败：{zh}。")),
    }
}
