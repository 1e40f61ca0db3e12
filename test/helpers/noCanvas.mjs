// Preloaded with `node --import`: `@napi-rs/canvas` cannot be found, by `require` (as pdfjs
// loads it) or by `import` (as the digitizer does), as where the optional dependency is not
// installed.
import Module, { register } from 'node:module';

const NAME = '@napi-rs/canvas';
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === NAME) {
    throw Object.assign(new Error(`Cannot find module '${NAME}'`), { code: 'MODULE_NOT_FOUND' });
  }
  return resolveFilename.call(this, request, ...rest);
};
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === '${NAME}') {
    throw Object.assign(new Error("Cannot find package '${NAME}'"), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
