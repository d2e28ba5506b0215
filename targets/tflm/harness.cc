/*
 * TensorFlow Lite Micro behind tflc's model API, for `tflc compare`: the board runner
 * (boards/common/runner.c) measures this interpreter exactly as it measures tflc's generated code.
 *
 * Built by `tflc compare` with arm-none-eabi-g++ against the user's TensorFlow Lite Micro headers and
 * linked with the user's libtensorflow-microlite.a; nothing of TensorFlow Lite Micro is in this
 * repository. The folder it is built with holds, generated per model:
 *   model.h      the model API and MODEL_INPUT_COUNT / MODEL_OUTPUT_COUNT (what runner.c includes)
 *   model.c      the .tflite bytes (tflc_tflm_model) and the tensor arena (tflc_tflm_arena,
 *                tflc_tflm_arena_bytes), so that only that C file changes while the arena is searched
 *   tflm_ops.h   TFLC_TFLM_OP_COUNT and TFLC_TFLM_ADD_OPS(resolver): the model's operators only
 *
 * model_reset() (the runner's first call) builds the interpreter and allocates the tensors: on
 * failure it prints "tflc: tflm allocate failed" and exits with status 118 (the arena is too small,
 * or the model cannot run); on success it prints "tflc: tflm arena_used=<bytes>". model_invoke()
 * runs Invoke() and returns 117 if it fails.
 */
#include <stddef.h>
#include <stdint.h>

#include <new>

#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/schema/schema_generated.h"

extern "C" {
#include "model.h"
#include "semihost.h"
#include "tflm_ops.h"

extern const unsigned char tflc_tflm_model[];
extern unsigned char tflc_tflm_arena[];
extern const unsigned long tflc_tflm_arena_bytes;
}

namespace {

constexpr int kAllocateFailed = 118;
constexpr int kInvokeFailed = 117;

using Resolver = tflite::MicroMutableOpResolver<TFLC_TFLM_OP_COUNT>;

// Static storage, constructed in place: no static constructors or destructors (and no atexit).
alignas(Resolver) unsigned char resolver_storage[sizeof(Resolver)];
alignas(tflite::MicroInterpreter) unsigned char interpreter_storage[sizeof(tflite::MicroInterpreter)];
tflite::MicroInterpreter *interpreter = nullptr;

void say_decimal(const char *label, unsigned long value)
{
    char line[64];
    char digits[12];
    size_t n = 0;
    size_t used = 0;
    do {
        digits[n++] = static_cast<char>('0' + value % 10u);
        value /= 10u;
    } while (value != 0u);
    for (const char *p = label; *p != '\0' && used + 1 < sizeof line; p++) {
        line[used++] = *p;
    }
    while (n > 0 && used + 2 < sizeof line) {
        line[used++] = digits[--n];
    }
    line[used++] = '\n';
    line[used] = '\0';
    tflc_semihost_write0(line);
}

int add_operators(Resolver &resolver)
{
    TFLC_TFLM_ADD_OPS(resolver);
    return 0;
}

}  // namespace

extern "C" void model_reset(void)
{
    if (interpreter != nullptr) {
        return;
    }
    Resolver *resolver = new (resolver_storage) Resolver();
    if (add_operators(*resolver) != 0) {
        tflc_semihost_write0("tflc: tflm the resolver refused an operator\n");
        tflc_semihost_exit(kAllocateFailed);
    }
    const tflite::Model *model = tflite::GetModel(tflc_tflm_model);
    interpreter = new (interpreter_storage)
            tflite::MicroInterpreter(model, *resolver, tflc_tflm_arena, tflc_tflm_arena_bytes);
    if (interpreter->AllocateTensors() != kTfLiteOk) {
        say_decimal("tflc: tflm allocate failed with an arena of ", tflc_tflm_arena_bytes);
        tflc_semihost_exit(kAllocateFailed);
    }
    say_decimal("tflc: tflm arena_used=", static_cast<unsigned long>(interpreter->arena_used_bytes()));
}

extern "C" void *model_input(int index)
{
    return interpreter->input(static_cast<size_t>(index))->data.raw;
}

extern "C" const void *model_output(int index)
{
    return interpreter->output(static_cast<size_t>(index))->data.raw;
}

extern "C" size_t model_input_bytes(int index)
{
    return interpreter->input(static_cast<size_t>(index))->bytes;
}

extern "C" size_t model_output_bytes(int index)
{
    return interpreter->output(static_cast<size_t>(index))->bytes;
}

extern "C" int model_invoke(void)
{
    return interpreter->Invoke() == kTfLiteOk ? 0 : kInvokeFailed;
}

/*
 * What a bare-metal C++ image needs without libstdc++: the interpreter's virtual destructors refer
 * to operator delete, which nothing calls (no heap); abstract classes refer to __cxa_pure_virtual.
 */
void operator delete(void *) noexcept
{
}

void operator delete(void *, size_t) noexcept
{
}

extern "C" void __cxa_pure_virtual(void)
{
    tflc_semihost_exit(kInvokeFailed);
}
