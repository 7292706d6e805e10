export const READ_MODELS = Symbol('READ_MODELS');
