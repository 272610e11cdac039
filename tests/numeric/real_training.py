"""A real TF1 project's own training loop, original against the tree ``tf1to2 migrate
--write`` made of it: stable-baselines 2.10's PPO2 (its policies, distributions, runner,
loss, Adam, gradient clipping, minibatch epochs) learning for a few rollouts on a tiny
deterministic environment, seeded the same on both sides (or its A2C, ACKTR, ACER, DQN,
SAC, TD3); tensorpack 0.11's trainer on a small convnet; or tflearn 0.5's ``DNN.fit``
(its layers, Trainer, TrainOp, summaries and optimizer) on a small two-input net. Invoked
by tests/test_real_packages.py in subprocesses, one per side:

    real_training.py tf1 TREE OUT.npz [ALGORITHM]   # the original: TF1 behaviour (tf = tf.compat.v1, TF2
                                        #   behaviour disabled, as the overview says unmodified TF1 code needs)
    real_training.py tf2 TREE OUT.npz [ALGORITHM]   # the migrated tree under plain
                                        #   TensorFlow 2.21 (Keras 3)

ALGORITHM: ppo2 (default), a2c, acktr, acer, dqn, sac, td3 (stable-baselines), tflearn,
tflearn-residual, tflearn-text, tflearn-recurrent, tflearn-generator, tensorpack, or
dopamine (its five agents in turn).

Both write the model's parameters after training, by name, and the action
probabilities it then gives for a few observations. stable-baselines builds its graph in
its own ``tf.Graph`` and runs it in a ``Session`` there, which TensorFlow 2.21 runs
without disabling eager mode: the migrated side needs nothing switched on.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROLLOUT, STEPS = 16, 64


def _environment():
    import gym
    from gym import spaces

    if not hasattr(gym.logger, "MIN_LEVEL"):  # gym 0.26 renamed it; stable-baselines predates that
        gym.logger.MIN_LEVEL = gym.logger.min_level

    class Line(gym.Env):
        """Three numbers pushed one way or the other by two actions, rewarded by the first;
        episodes of 8 steps. The old gym API stable-baselines speaks (reset → obs)."""
        observation_space = spaces.Box(low=-1.0, high=1.0, shape=(3,), dtype=np.float32)
        action_space = spaces.Discrete(2)
        metadata = {"render.modes": []}

        def __init__(self):
            self.t, self.x = 0, np.zeros(3, np.float32)

        def seed(self, seed=None):
            return [seed]

        def reset(self):
            self.t, self.x = 0, np.array([0.1, -0.2, 0.3], np.float32)
            return self.x.copy()

        def step(self, action):
            self.t += 1
            push = (0.1 if action else -0.1) * np.array([1.0, -1.0, 0.5], np.float32)
            self.x = np.clip(self.x + push, -1, 1).astype(np.float32)
            return self.x.copy(), float(self.x[0]), self.t >= 8, {}

    return Line


def _continuous_environment():
    """Line's twin with two continuous actions in [-1, 1] (SAC, TD3)."""
    import gym
    from gym import spaces

    class Push(_environment()):
        action_space = spaces.Box(low=-1.0, high=1.0, shape=(2,), dtype=np.float32)

        def step(self, action):
            self.t += 1
            a = np.clip(np.asarray(action, np.float32), -1, 1)
            push = 0.1 * np.array([a[0], -a[1], 0.5 * a[0]], np.float32)
            self.x = np.clip(self.x + push, -1, 1).astype(np.float32)
            return self.x.copy(), float(self.x[0]), self.t >= 8, {}

    assert gym  # (imported for its logger fix in _environment)
    return Push


def _off_policy(algorithm: str, out: Path) -> None:
    """stable-baselines' SAC or TD3 on Push: replay buffer, twin Q networks, target
    networks moved by Polyak averaging over their scopes' variables, Adam; SAC's learned
    entropy coefficient, TD3's target-policy smoothing and delayed policy updates."""
    import stable_baselines

    model = getattr(stable_baselines, algorithm.upper())(
        "MlpPolicy", _continuous_environment()(), seed=0, n_cpu_tf_sess=1, verbose=0,
        policy_kwargs=dict(layers=[8, 6]), learning_starts=8, batch_size=8, buffer_size=100,
        **(dict(train_freq=4, gradient_steps=4) if algorithm == "td3" else {}))
    if algorithm == "td3":
        # TD3's step fetches its critics' Adam step, its actor's (whose loss reads the
        # critics) and the Polyak updates (which read both) in one run, with nothing ordering
        # them: which reads first is up to the executor, in TF1 and TF2 alike (two runs of
        # the original differ by 3e-5 in the targets and 1.2e-4 in the actions). Both sides
        # run the three in order instead, as TD3's paper does; the graph is the package's.
        def _train_step(step, writer, learning_rate, update_policy):
            obs, actions, rewards, next_obs, dones = model.replay_buffer.sample(
                model.batch_size, env=model._vec_normalize_env)
            feed = {model.observations_ph: obs, model.actions_ph: actions, model.next_observations_ph: next_obs,
                    model.rewards_ph: rewards.reshape(model.batch_size, -1),
                    model.terminals_ph: dones.reshape(model.batch_size, -1), model.learning_rate_ph: learning_rate}
            qf1_loss, qf2_loss, *_ = model.sess.run(model.step_ops, feed)
            if update_policy:
                model.sess.run(model.policy_train_op, feed)
                model.sess.run(model.target_ops)
            return qf1_loss, qf2_loss

        model._train_step = _train_step
    before = model.get_parameters()
    model.learn(48)
    found = {f"param:{k}": np.asarray(v) for k, v in model.get_parameters().items()}
    found.update({f"start:{k}": np.asarray(v) for k, v in before.items()})
    obs = np.array([[0.1, -0.2, 0.3], [0.5, 0.5, -0.5], [-0.9, 0.2, 0.0]], np.float32)
    found["actions"] = np.asarray(model.predict(obs, deterministic=True)[0])
    np.savez(out, **found)


def _tensorpack(out: Path) -> None:
    """tensorpack 0.11's trainer: a ModelDesc (argscope, Conv2D, BatchNorm, MaxPooling,
    Conv2DTranspose, LayerNorm, InstanceNorm, PReLU, AvgPooling, Dropout, FullyConnected, a
    moving-average summary of the cost, Momentum) trained by its
    SimpleTrainer for two epochs of six fed batches, with a callback reading every variable
    before training and after each epoch."""
    import tensorflow as tf
    from tensorpack import ModelDesc, SimpleTrainer, TrainConfig, launch_train_with_config
    from tensorpack.callbacks import Callback
    from tensorpack.dataflow import DataFromList
    from tensorpack.input_source import FeedInput
    from tensorpack.models import (AvgPooling, BatchNorm, Conv2D, Conv2DTranspose, Dropout, FullyConnected, InstanceNorm,
                                   LayerNorm, MaxPooling)
    from tensorpack.models.nonlin import PReLU
    from tensorpack.tfutils import argscope
    from tensorpack.tfutils.summary import add_moving_summary
    from tensorpack.utils import logger

    v1 = tf.compat.v1
    logger.set_logger_dir(str(out.parent / "log"), action="d")
    found = {}

    class Model(ModelDesc):
        def inputs(self):
            return [tf.TensorSpec((None, 8, 8, 1), tf.float32, "image"), tf.TensorSpec((None,), tf.int32, "label")]

        def build_graph(self, image, label):
            v1.set_random_seed(1)
            with argscope([Conv2D, Conv2DTranspose], kernel_size=3, activation=tf.nn.relu):
                x = Conv2D("conv0", image, 4)
                x = MaxPooling("pool0", BatchNorm("bn0", x), 2)
                x = Conv2D("conv1", x, 4)
                x = LayerNorm("ln", InstanceNorm("in", Conv2DTranspose("deconv", x, 4, strides=2)))
                x = Dropout("drop", AvgPooling("avg", PReLU("prelu", x), pool_size=2), rate=0.0)
            logits = FullyConnected("fc", x, 3)
            cost = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits, labels=label),
                                  name="cost")
            add_moving_summary(cost)
            return cost

        def optimizer(self):
            return v1.train.MomentumOptimizer(0.01, 0.9)

    class Read(Callback):
        def _before_train(self):
            found.update({"start:" + v.name: self.trainer.sess.run(v) for v in v1.global_variables()})

        def _trigger_epoch(self):
            found.update({"param:" + v.name: self.trainer.sess.run(v) for v in v1.global_variables()})

    rng = np.random.RandomState(0)
    data = [[rng.rand(4, 8, 8, 1).astype(np.float32), rng.randint(0, 3, size=4).astype(np.int32)] for _ in range(6)]
    config = TrainConfig(model=Model(), data=FeedInput(DataFromList(data, shuffle=False)), callbacks=[Read()],
                         max_epoch=2, steps_per_epoch=6, monitors=[])
    launch_train_with_config(config, SimpleTrainer())
    np.savez(out, **found)


def _tflearn_generator(out: Path) -> None:
    """tflearn's SequenceGenerator: two stacked LSTMs with dropout and a softmax over the
    characters of a short text, Adam with gradient clipping, two epochs unshuffled; then 20
    characters generated from a seed with NumPy's sampling seeded alike."""
    import tensorflow as tf
    import tflearn
    from tflearn.data_utils import string_to_semi_redundant_sequences

    text = "hello world, the quick brown fox jumps over the lazy dog. " * 3
    inputs, labels, chars = string_to_semi_redundant_sequences(text, seq_maxlen=8, redun_step=3)
    np.random.seed(0)
    with tf.Graph().as_default():
        tf.compat.v1.set_random_seed(1)
        x = tflearn.lstm(tflearn.input_data([None, 8, len(chars)]), 16, return_seq=True)
        x = tflearn.lstm(tflearn.dropout(x, 0.9), 16)
        x = tflearn.fully_connected(x, len(chars), activation="softmax")
        x = tflearn.regression(x, optimizer="adam", loss="categorical_crossentropy", learning_rate=0.01)
        model = tflearn.SequenceGenerator(x, dictionary=chars, seq_maxlen=8, clip_gradients=5.0,
                                          tensorboard_dir=str(out.parent / "logs"))
        variables = tf.compat.v1.global_variables()
        found = {f"start:{v.name}": np.asarray(model.get_weights(v)) for v in variables}
        model.fit(inputs, labels, validation_set=None, shuffle=False, batch_size=16, n_epoch=2, show_metric=False)
        found.update({f"param:{v.name}": np.asarray(model.get_weights(v)) for v in variables})
        np.random.seed(1)
        generated = model.generate(20, temperature=0.5, seq_seed="hello wo")
        found["generated"] = np.frombuffer(generated.encode(), np.uint8)
    np.savez(out, **found)


def _tflearn(out: Path, net: str = "") -> None:
    """tflearn's DNN.fit, in its own graph, no shuffling, seeded. Default: a convolution,
    max pooling and batch norm on one input, an LSTM on the other, merged, a dense layer
    with dropout and a softmax one, trained by Momentum for three epochs of four batches.
    ``residual``: a residual block and a downsampling bottleneck (batch norms, L2 weight
    decay), global average pooling, Adam; ``text``: an embedding, a bidirectional LSTM,
    dropout, RMSProp; ``recurrent``: a GRU returning its sequence, a simple RNN, a highway
    layer, AdaGrad (two epochs of four batches each)."""
    import tensorflow as tf
    import tflearn

    rng = np.random.RandomState(0)
    with tf.Graph().as_default():
        tf.compat.v1.set_random_seed(1)
        epochs = 2
        if net == "residual":
            inputs = rng.rand(32, 8, 8, 3).astype(np.float32)
            labels = np.eye(2)[(inputs.reshape(32, -1).sum(1) > 96).astype(int)]
            x = tflearn.conv_2d(tflearn.input_data(shape=[None, 8, 8, 3]), 4, 3, regularizer="L2", weight_decay=1e-4)
            x = tflearn.residual_bottleneck(tflearn.residual_block(x, 1, 4), 1, 2, 4, downsample=True)
            x = tflearn.global_avg_pool(tflearn.activation(tflearn.batch_normalization(x), "relu"))
            x = tflearn.fully_connected(x, 2, activation="softmax")
            optimizer = tflearn.Adam(0.01)
        elif net == "text":
            inputs = rng.randint(0, 20, size=(32, 6))
            labels = np.eye(2)[(inputs.sum(1) > 57).astype(int)]
            x = tflearn.embedding(tflearn.input_data(shape=[None, 6]), input_dim=20, output_dim=5)
            x = tflearn.dropout(tflearn.bidirectional_rnn(x, tflearn.BasicLSTMCell(4), tflearn.BasicLSTMCell(4)), 0.8)
            x = tflearn.fully_connected(x, 2, activation="softmax")
            optimizer = tflearn.RMSProp(0.5)
        elif net == "recurrent":
            inputs = rng.rand(32, 5, 3).astype(np.float32)
            labels = np.eye(2)[(inputs.reshape(32, -1).sum(1) > 7.5).astype(int)]
            x = tflearn.gru(tflearn.input_data(shape=[None, 5, 3]), 6, return_seq=True)
            x = tflearn.highway(tflearn.simple_rnn(x, 4), 4, activation="tanh")
            x = tflearn.fully_connected(x, 2, activation="softmax")
            optimizer = tflearn.AdaGrad(1.0)
        else:
            images = rng.rand(32, 6, 6, 1).astype(np.float32)
            sequences = rng.rand(32, 5, 3).astype(np.float32)
            labels = np.eye(2)[(images.reshape(32, -1).sum(1) > 18).astype(int)]
            x = tflearn.input_data(shape=[None, 6, 6, 1], name="images")
            x = tflearn.conv_2d(x, 4, 3, activation="relu", regularizer="L2")
            x = tflearn.batch_normalization(tflearn.max_pool_2d(x, 2))
            rnn = tflearn.lstm(tflearn.input_data(shape=[None, 5, 3], name="sequences"), 6)
            x = tflearn.merge([tflearn.flatten(x), rnn], "concat")
            x = tflearn.dropout(tflearn.fully_connected(x, 8, activation="tanh"), 0.8)
            x = tflearn.fully_connected(x, 2, activation="softmax")
            optimizer = tflearn.Momentum(0.05, momentum=0.9)
            inputs, epochs = [images, sequences], 3
        x = tflearn.regression(x, optimizer=optimizer, loss="categorical_crossentropy")
        model = tflearn.DNN(x, tensorboard_verbose=0, tensorboard_dir=str(out.parent / "logs"))
        variables = tf.compat.v1.global_variables()
        found = {f"start:{v.name}": np.asarray(model.get_weights(v)) for v in variables}
        model.fit(inputs, labels, n_epoch=epochs, batch_size=8, shuffle=False, show_metric=False, snapshot_epoch=False)
        found.update({f"param:{v.name}": np.asarray(model.get_weights(v)) for v in variables})
        found["probabilities"] = np.asarray(model.predict(inputs[:5] if net else [images[:5], sequences[:5]]))
    np.savez(out, **found)


def _dopamine(side: str, out: Path) -> None:
    """dopamine 2.0's agents, each in its own graph and Session, driven by its own
    begin_episode / step / end_episode on seeded observations for 61 steps (replay from
    the 16th, a training step every 2nd, the target network synced every 8th): DQN and
    Rainbow (C51 over a prioritized replay) on the CartPole network (slim layers,
    gin-configurable), and DQN, Rainbow and Implicit Quantile on the Atari networks
    (84x84x4 uint8 frames: slim's conv2d, flatten and fully_connected, variance scaling)
    with their default RMSProp and Adam. Their networks are made through make_template.
    Migrated (tf2), the Atari networks' layers, which the run adds beside the functions
    the agents import, and the layer CartPole's Fourier network became, are also built
    once in eager mode and called twice ("eager:").

    Both sides replace two modules dopamine imports that cannot load under TensorFlow 2.21
    whatever tf1to2 does: ``gin.tf`` (it subclasses tf.estimator's SessionRunHook; the
    estimator is gone since 2.16: gin's own ``configurable`` serves) and ``atari_py`` (the
    Atari emulator; only its environments use it)."""
    import collections
    import random
    import types

    sys.modules["atari_py"] = types.ModuleType("atari_py")
    import gin

    sys.modules["gin.tf"] = gin.tf = types.ModuleType("gin.tf")
    import tensorflow as tf
    from dopamine.agents.dqn import dqn_agent
    from dopamine.agents.implicit_quantile import implicit_quantile_agent
    from dopamine.agents.rainbow import rainbow_agent
    from dopamine.discrete_domains import atari_lib, gym_lib

    v1 = tf.compat.v1
    found = {}
    settings = dict(min_replay_history=16, update_period=2, target_update_period=8, epsilon_fn=lambda *a: 0.3,
                    use_staging=False)  # (a tf.contrib.staging area: tf1to2 warns, none in TF 2)
    for key, value in settings.items():  # the Implicit Quantile agent takes them through gin
        gin.bind_parameter(f"RainbowAgent.{key}", value)
    cartpole = dict(settings, observation_shape=(4,), observation_dtype=tf.float32, stack_size=1)
    agents = {
        "dqn": lambda sess: dqn_agent.DQNAgent(sess, 2, network=gym_lib.cartpole_dqn_network, **cartpole),
        "rainbow": lambda sess: rainbow_agent.RainbowAgent(sess, 2, network=gym_lib.cartpole_rainbow_network,
                                                           num_atoms=11, vmax=10.0, **cartpole),
        "dqn_atari": lambda sess: dqn_agent.DQNAgent(sess, 3, **settings),
        "rainbow_atari": lambda sess: rainbow_agent.RainbowAgent(sess, 3, num_atoms=11, vmax=10.0, **settings),
        "iqn_atari": lambda sess: implicit_quantile_agent.ImplicitQuantileAgent(
            sess, 3, num_tau_samples=4, num_tau_prime_samples=4, num_quantile_samples=4),
    }
    for name, make in agents.items():
        random.seed(0)
        np.random.seed(0)
        rng = np.random.RandomState(1)
        with tf.Graph().as_default():
            v1.set_random_seed(0)
            sess = v1.Session()
            agent = make(sess)
            sess.run(v1.global_variables_initializer())
            variables = v1.global_variables()
            found.update({f"start:{name}:{v.op.name}": sess.run(v) for v in variables})
            shape = agent.observation_shape

            def draw():
                if shape == (4,):
                    return rng.uniform(-1, 1, 4).astype(np.float32)
                return rng.randint(0, 256, shape).astype(np.uint8)

            def reward(o):
                return float(o.flat[0]) / (255.0 if o.dtype == np.uint8 else 1.0)

            actions = [agent.begin_episode(draw())]
            for t in range(60):
                obs = draw()
                if t % 15 == 14:
                    agent.end_episode(reward(obs))
                    actions.append(agent.begin_episode(obs))
                else:
                    actions.append(agent.step(reward(obs), obs))
            found.update({f"param:{name}:{v.op.name}": sess.run(v) for v in variables})
            found[f"actions:{name}"] = np.array(actions)
            outputs = agent._net_outputs
            found[f"outputs:{name}"] = sess.run(outputs.q_values if hasattr(outputs, "q_values") else outputs.quantile_values,
                                                {agent.state_ph: agent.state})
            sess.close()
    if side == "tf2":
        frames = np.random.RandomState(2).randint(0, 256, (2, 84, 84, 4)).astype(np.uint8)
        dqn = atari_lib.NatureDqnNetwork(num_actions=3, network_type=collections.namedtuple("dqn", ["q_values"]))
        first, second = dqn(frames).q_values, dqn(frames).q_values
        found["eager:nature_dqn"] = np.array([first.shape[1], len(dqn.weights), np.abs(np.asarray(first) - np.asarray(second)).max()])
        rainbow = atari_lib.RainbowNetwork(num_actions=3, num_atoms=11, support=tf.linspace(-10.0, 10.0, 11),
                                           network_type=collections.namedtuple("c51", ["q_values", "logits",
                                                                                       "probabilities"]))
        first, second = rainbow(frames).probabilities, rainbow(frames).probabilities
        found["eager:rainbow"] = np.array([first.shape[2], len(rainbow.weights), np.abs(np.asarray(first) - np.asarray(second)).max()])
        fourier = gym_lib.CartpoleFourierDqnNetwork(num_actions=2, network_type=collections.namedtuple("q", ["q_values"]))
        states = np.random.RandomState(3).uniform(-1, 1, (2, 4)).astype(np.float32)
        first, second = fourier(states).q_values, fourier(states).q_values
        found["eager:fourier"] = np.array([first.shape[1], len(fourier.weights), np.abs(np.asarray(first) - np.asarray(second)).max()])
    np.savez(out, **found)


def main(side: str, tree: Path, out: Path, algorithm: str = "ppo2") -> None:
    if side == "tf1":
        sys.path.insert(0, str(Path(__file__).parent))
        import real_models

        v1 = real_models._tf1_environment()
        if algorithm == "tensorpack":
            # TF1's reference variables let a step's backward pass read a variable its
            # optimizer has already updated, in whatever order the executor runs them: two
            # runs of the original differ by 0.6. TF1's resource variables (1.15 has
            # them) read it once, as TensorFlow 2 does: runs agree.
            v1.enable_resource_variables()
    sys.path.insert(0, str(tree))
    if algorithm == "tflearn-generator":
        _tflearn_generator(out)
        return
    if algorithm.startswith("tflearn"):
        _tflearn(out, algorithm.partition("-")[2])
        return
    if algorithm == "tensorpack":
        _tensorpack(out)
        return
    if algorithm == "dopamine":
        _dopamine(side, out)
        return
    if algorithm in ("sac", "td3"):
        _off_policy(algorithm, out)
        return
    line = _environment()
    from stable_baselines import DQN, PPO2
    from stable_baselines.common.vec_env import DummyVecEnv

    obs = np.array([[0.1, -0.2, 0.3], [0.5, 0.5, -0.5], [-0.9, 0.2, 0.0]], np.float32)
    if algorithm == "dqn":
        # its dueling Q network, built (its replay buffer needs NumPy < 2, so no learning):
        # unscoped contrib fully_connected layers, made in a loop and after it, twice
        # (the acting and the target network) and reused for the double-Q step
        model = DQN("MlpPolicy", line(), seed=0, n_cpu_tf_sess=1, policy_kwargs=dict(layers=[8, 6]), verbose=0)
        found = {f"param:{k}": np.asarray(v) for k, v in model.get_parameters().items()}
        found["probabilities"] = np.asarray(model.action_probability(obs))
        np.savez(out, **found)
        return
    if algorithm in ("a2c", "acktr", "acer"):
        # A2C: its synchronous actor-critic: RMSProp (TF1's, in its graph), entropy bonus, gradient
        # clipping. ACKTR: the same with its K-FAC optimizer (statistics, eigendecompositions in
        # tf.cond branches, a queue). ACER: a replay buffer, retrace targets, trust region, averaged model.
        import stable_baselines

        model = getattr(stable_baselines, algorithm.upper())(
            "MlpPolicy", DummyVecEnv([line]), n_steps=ROLLOUT // 2, seed=0, n_cpu_tf_sess=1,
            policy_kwargs=dict(net_arch=[8]), learning_rate=1e-2, verbose=0)
    else:
        model = PPO2("MlpPolicy", DummyVecEnv([line]), n_steps=ROLLOUT, learning_rate=1e-2, nminibatches=2,
                     noptepochs=2, seed=0, n_cpu_tf_sess=1, policy_kwargs=dict(net_arch=[8]), verbose=0)
    before = model.get_parameters()
    model.learn(STEPS)
    found = {f"param:{k}": np.asarray(v) for k, v in model.get_parameters().items()}
    found.update({f"start:{k}": np.asarray(v) for k, v in before.items()})
    found["probabilities"] = np.asarray(model.action_probability(obs))
    np.savez(out, **found)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), *sys.argv[4:5])
