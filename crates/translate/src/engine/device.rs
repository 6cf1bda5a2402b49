//! Where the CTranslate2 engine runs: the `device`, `device_indices` and
//! `compute_type` settings, checked against what the build and the machine
//! offer before any model is loaded.
//!
//! The CPU is the default, with int8 weights. `device = "cuda"` needs a build
//! with the `ctranslate2-cuda` cargo feature (CTranslate2 compiled with CUDA,
//! its CUDA libraries loaded at run time, so the same binary still runs on
//! machines without a GPU) and an NVIDIA GPU; its default compute type is
//! `int8_float16`. A setting that cannot work is a [`ModelError::Setting`]
//! naming it, never a panic or a silent fallback to the CPU.

use serde::{Deserialize, Serialize};

use super::config::CTranslate2Config;
use crate::models::ModelError;

/// The device a CTranslate2 model runs on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CTranslate2Device {
    /// The CPU (default); compute type `int8` unless configured.
    #[default]
    Cpu,
    /// NVIDIA GPUs through CUDA (a build with the `ctranslate2-cuda`
    /// feature); compute type `int8_float16` unless configured.
    Cuda,
}

impl CTranslate2Device {
    /// The setting's value as written in the config (`cpu`, `cuda`).
    pub fn as_str(self) -> &'static str {
        match self {
            CTranslate2Device::Cpu => "cpu",
            CTranslate2Device::Cuda => "cuda",
        }
    }

    /// The compute type used when `compute_type` is not set.
    pub fn default_compute_type(self) -> &'static str {
        match self {
            CTranslate2Device::Cpu => "int8",
            CTranslate2Device::Cuda => "int8_float16",
        }
    }
}

/// Compute types that need a GPU (half precision).
const GPU_ONLY: [&str; 4] = ["int8_float16", "int8_bfloat16", "float16", "bfloat16"];

/// True when this build can run models on CUDA GPUs.
pub(crate) const CUDA_BUILT: bool = cfg!(feature = "ctranslate2-cuda");

impl CTranslate2Config {
    /// The compute type: the configured one, else the device's default
    /// (`int8` on the CPU, `int8_float16` on CUDA).
    pub fn effective_compute_type(&self) -> &str {
        self.compute_type
            .as_deref()
            .unwrap_or_else(|| self.device.default_compute_type())
    }

    /// The device index of each model replica: `inter_threads` replicas on
    /// the CPU, `inter_threads` replicas on each GPU of `device_indices`
    /// (default `[0]`) on CUDA.
    pub fn replica_devices(&self) -> Vec<usize> {
        let per_device = self.inter_threads.max(1);
        match self.device {
            CTranslate2Device::Cpu => vec![0; per_device],
            CTranslate2Device::Cuda => {
                let gpus: &[usize] = if self.device_indices.is_empty() {
                    &[0]
                } else {
                    &self.device_indices
                };
                gpus.iter()
                    .flat_map(|&gpu| std::iter::repeat_n(gpu, per_device))
                    .collect()
            }
        }
    }

    /// Checks the device settings against the build (`cuda_built`) and the
    /// number of CUDA GPUs CTranslate2 sees (`cuda_devices`).
    pub(crate) fn check_device(
        &self,
        cuda_built: bool,
        cuda_devices: usize,
    ) -> Result<(), ModelError> {
        let setting = |setting: &'static str, reason: String| ModelError::Setting {
            engine: self.name.clone(),
            setting,
            reason,
        };
        match self.device {
            CTranslate2Device::Cpu => {
                if !self.device_indices.is_empty() {
                    return Err(setting(
                        "device_indices",
                        "GPU indices apply to device = \"cuda\" only; remove them or set device = \"cuda\"".into(),
                    ));
                }
                let compute = self.effective_compute_type();
                if GPU_ONLY.contains(&compute) {
                    return Err(setting(
                        "compute_type",
                        format!("{compute:?} needs device = \"cuda\"; on the CPU use int8 (default), int8_float32, int16 or float32"),
                    ));
                }
            }
            CTranslate2Device::Cuda => {
                if !cuda_built {
                    return Err(setting(
                        "device",
                        "device = \"cuda\" but this build has no CUDA support; rebuild with `--features translate/ctranslate2-cuda` (needs the CUDA toolkit to build), or set device = \"cpu\"".into(),
                    ));
                }
                if cuda_devices == 0 {
                    return Err(setting(
                        "device",
                        "device = \"cuda\" but CTranslate2 sees no CUDA GPU (no NVIDIA driver, or CUDA_VISIBLE_DEVICES hides them); set device = \"cpu\"".into(),
                    ));
                }
                if let Some(bad) = self.device_indices.iter().find(|&&i| i >= cuda_devices) {
                    return Err(setting(
                        "device_indices",
                        format!(
                            "GPU {bad} does not exist: this machine has {cuda_devices} (0 to {})",
                            cuda_devices - 1
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{EngineConfig, EnginesConfig};

    fn parse(toml_like_json: &str) -> CTranslate2Config {
        let json = format!(
            r#"{{"engines": [{{"kind": "ctranslate2", "name": "opus-vi-fr", "model_dir": "/nowhere/opus-mt-vi-fr", {toml_like_json}}}]}}"#
        );
        let cfg: EnginesConfig = serde_json::from_str(&json).unwrap();
        let EngineConfig::Ctranslate2(c) = cfg.engines.into_iter().next().unwrap() else {
            panic!("not a ctranslate2 engine")
        };
        c
    }

    #[test]
    fn defaults_are_int8_on_the_cpu_and_int8_float16_on_cuda() {
        let cpu = parse(r#""beam_size": 1"#);
        assert_eq!(cpu.device, CTranslate2Device::Cpu);
        assert_eq!(cpu.compute_type, None);
        assert_eq!(cpu.effective_compute_type(), "int8");
        assert_eq!(cpu.replica_devices(), vec![0]);
        assert!(cpu.check_device(false, 0).is_ok());

        let cuda = parse(r#""device": "cuda", "device_indices": [0, 1], "inter_threads": 2"#);
        assert_eq!(cuda.device, CTranslate2Device::Cuda);
        assert_eq!(cuda.effective_compute_type(), "int8_float16");
        assert_eq!(cuda.replica_devices(), vec![0, 0, 1, 1]);
        assert!(cuda.check_device(true, 2).is_ok());

        let chosen = parse(r#""device": "cuda", "compute_type": "float16""#);
        assert_eq!(chosen.effective_compute_type(), "float16");
        assert_eq!(chosen.replica_devices(), vec![0]);

        let json = r#"{"kind": "ctranslate2", "model_dir": "/m", "device": "tpu"}"#;
        let err = serde_json::from_str::<EngineConfig>(json).unwrap_err();
        assert!(err.to_string().contains("cpu"), "{err}");
    }

    #[test]
    fn impossible_settings_are_named() {
        let reason = |c: &CTranslate2Config, built: bool, gpus: usize| {
            let err = c.check_device(built, gpus).unwrap_err();
            let ModelError::Setting { setting, .. } = &err else {
                panic!("{err}")
            };
            (*setting, err.to_string())
        };
        let cuda = parse(r#""device": "cuda""#);
        let (setting, msg) = reason(&cuda, false, 0);
        assert_eq!(setting, "device");
        assert!(msg.contains("opus-vi-fr"), "{msg}");
        assert!(
            msg.contains("--features translate/ctranslate2-cuda"),
            "{msg}"
        );
        let (setting, msg) = reason(&cuda, true, 0);
        assert_eq!(setting, "device");
        assert!(msg.contains("no CUDA GPU"), "{msg}");
        let two = parse(r#""device": "cuda", "device_indices": [1, 2]"#);
        let (setting, msg) = reason(&two, true, 2);
        assert_eq!(setting, "device_indices");
        assert!(msg.contains("GPU 2"), "{msg}");
        let cpu_gpus = parse(r#""device_indices": [0]"#);
        assert_eq!(reason(&cpu_gpus, true, 1).0, "device_indices");
        let half = parse(r#""compute_type": "int8_float16""#);
        let (setting, msg) = reason(&half, false, 0);
        assert_eq!(setting, "compute_type");
        assert!(msg.contains("device = \"cuda\""), "{msg}");
    }
}
